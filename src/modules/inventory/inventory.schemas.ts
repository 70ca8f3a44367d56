// What the inventory's admin API shows of its objects, as the OpenAPI document and the console's
// generated types show them. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, JsonObject, Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();
const Time = Type.String({ format: 'date-time' });

const SlotStatus = Type.Union(['available', 'assigned', 'faulty', 'disabled', 'empty'].map((s) => Type.Literal(s)));

/** A slot of a bank with its card (GET /slots). */
export const SlotView = Answer(
  {
    bank_id: Int,
    slot_id: Int,
    iccid: Nullable(Str),
    imsi: Nullable(Str),
    carrier: Nullable(Str),
    mcc_mnc: Nullable(Str),
    card_type: Type.Union(['REGULAR', 'KI_PROXY_MASTER', 'VIRTUAL'].map((s) => Type.Literal(s))),
    reader_name: Nullable(Str),
    ki_pool_name: Nullable(Str),
    ki_pool_priority: Nullable(Int),
    card_metadata: Nullable(JsonObject),
    status: SlotStatus,
    health_status: Str,
    last_health_check: Nullable(Time),
    updated_at: Time,
  },
  { description: 'A slot of a bank with its card' },
);
