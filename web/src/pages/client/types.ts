// What the client page reads from the API: the generated shapes (web/src/types.ts), and the one
// whose route still answers a loose object (a slot of GET /slots).
export type { AuditRow, ClientDetail, Command } from '../../types';

export interface SlotRow {
  bank_id: number;
  slot_id: number;
  iccid: string | null;
  carrier: string | null;
  status: string;
}
