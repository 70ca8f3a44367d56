// The inventory's use cases, one service per object (tenants, bankd instances, banks and slots,
// client views, SIM import), gathered for the routes.
import type { Database } from '../../app/database.js';
import { BankdsService } from './bankds.usecases.js';
import { BanksService } from './banks.usecases.js';
import { SimImports } from './sim-import.usecases.js';
import { TenantsService } from './tenants.usecases.js';

export type { BankdInput } from './bankds.usecases.js';
export type { BankInput, SlotPatch } from './banks.usecases.js';
export type { ImportResult } from './sim-import.usecases.js';
export type { TenantInput } from './tenants.usecases.js';

export class InventoryService {
  readonly tenants: TenantsService;
  readonly bankds: BankdsService;
  readonly banks: BanksService;
  readonly imports: SimImports;

  constructor(db: Database) {
    this.tenants = new TenantsService(db);
    this.bankds = new BankdsService(db);
    this.banks = new BanksService(db);
    this.imports = new SimImports(db);
  }
}
