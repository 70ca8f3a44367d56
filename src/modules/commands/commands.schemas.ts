// A command as the API shows it.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, Nullable } from '../../app/schemas.js';

/** A command with where it stands. */
export const CommandView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  client_id: Type.String(),
  profile_id: Type.String(),
  type: Type.String(),
  payload: Type.Unknown(),
  status: Type.Union(['pending', 'delivered', 'acknowledged', 'failed', 'expired'].map((s) => Type.Literal(s))),
  result: Type.Unknown(),
  created_by: Type.String(),
  created_at: Instant,
  expires_at: Instant,
  delivered_at: Nullable(Instant),
  acknowledged_at: Nullable(Instant),
});
