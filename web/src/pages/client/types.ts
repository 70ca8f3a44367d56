// What the client page reads from the API.
import type { ClientRow } from '../../types';

export interface ClientDetail {
  client_id: string;
  profile: ClientRow & { bankd_endpoint: string | null; virtual_iccid: string | null; policy_id: number | null };
  history: ClientRow[];
  health_log: Array<{
    id: number;
    kind: string;
    old_status: string | null;
    new_status: string;
    reason: string | null;
    created_at: string;
  }>;
}
export interface Command {
  id: number;
  type: string;
  status: string;
  created_at: string;
  delivered_at: string | null;
  acknowledged_at: string | null;
  expires_at: string;
  result: unknown;
}
export interface AuditRow {
  id: number;
  actor: string;
  action: string;
  source_ip: string | null;
  request_id: string | null;
  created_at: string;
}
export interface SlotRow {
  bank_id: number;
  slot_id: number;
  iccid: string | null;
  carrier: string | null;
  status: string;
}
