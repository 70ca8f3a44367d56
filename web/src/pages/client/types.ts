// What the client page reads from the API: the generated shapes (web/src/types.ts).
export type { AuditRow, ClientDetail, Command, SlotRow } from '../../types';
