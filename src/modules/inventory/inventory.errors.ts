// Errors of the inventory.
import { uniqueOr } from '../../app/database.js';
import { conflict, DomainError, notFound } from '../../domain/errors.js';
import type { RowError } from './sim-import.js';

export const bankNotFound = (bankId: number) => notFound('BANK_NOT_FOUND', `Bank ${bankId} does not exist`);
export const bankdNotFound = (id: number) => notFound('BANKD_NOT_FOUND', `bankd instance ${id} does not exist`);
export const slotNotFound = (bankId: number, slotId: number) =>
  notFound('SLOT_NOT_FOUND', `Bank ${bankId} has no slot ${slotId}`);
export const remsimServerNotFound = (id: number) => notFound('REMSIM_SERVER_NOT_FOUND', `remsim-server ${id} does not exist`);

const MAX_REPORTED_ERRORS = 1000;
export const importInvalid = (errors: RowError[]) =>
  new DomainError('IMPORT_INVALID', `${errors.length} invalid row(s); nothing was imported`, 422, {
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    error_count: errors.length,
  });

/** A unique violation answered as 409 with the rule's code. */
export const uniqueOrConflict = <T>(
  code: 'TENANT_EXISTS' | 'BANK_EXISTS' | 'DUPLICATE_ICCID' | 'CONFLICT',
  message: string,
  fn: () => Promise<T>,
) => uniqueOr(() => conflict(code, message), fn);
