// A command: the fields of its row, checked as the database gives them (commands.repository.ts)
// and shown as the API answers them (CommandView), one list for both.
import { type TSchema, Type } from '@sinclair/typebox';
import { Answer, Instant } from '../../app/schemas.js';

export { COMMAND_TYPES } from './commands.table.js';

export const COMMAND_STATUSES = ['pending', 'delivered', 'acknowledged', 'failed', 'expired'] as const;

/** The fields of a command, with `time` the schema of its timestamps. */
export const commandFields = <T extends TSchema>(time: T) => ({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  client_id: Type.String(),
  profile_id: Type.String(),
  type: Type.String(),
  payload: Type.Unknown(),
  status: Type.Union(COMMAND_STATUSES.map((s) => Type.Literal(s))),
  result: Type.Unknown(),
  created_by: Type.String(),
  created_at: time,
  expires_at: time,
  delivered_at: Type.Union([time, Type.Null()]),
  acknowledged_at: Type.Union([time, Type.Null()]),
});

/** A command with where it stands. */
export const CommandView = Answer(commandFields(Instant));
