// What the admin API takes and shows of SIM plans, thresholds and a card's usage settings.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, MccMnc, Nullable, Page } from '../../app/schemas.js';
import { COMMAND_TYPES } from '../commands/index.js';
import { DayText } from './usage.schemas.js';

const Int = Type.Integer();
const Money = (description: string) => Type.Number({ minimum: 0, maximum: 1_000_000_000, description });

export const ThresholdBody = Type.Object(
  {
    percent: Type.Integer({ minimum: 1, maximum: 1000, description: 'Share of the allowance, e.g. 80 or 100' }),
    action: Type.Union([Type.Literal('event'), Type.Literal('disable_and_move'), Type.Literal('command')], {
      description:
        'event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat)',
    }),
    command_type: Type.Optional(Type.Union(COMMAND_TYPES.map((c) => Type.Literal(c)))),
    command_payload: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 20 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Thresholds = Type.Array(ThresholdBody, {
  maxItems: 20,
  description: 'The whole list: one of the same percent and action is kept (it does not fire again this cycle)',
});

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' });
const planFields = {
  name: Name,
  mcc_mnc: Type.Optional(Nullable(MccMnc, 'The carrier the plan is for')),
  carrier_default: Type.Optional(
    Type.Boolean({ description: 'Every card of the carrier without a plan of its own is on this plan (one per carrier)' }),
  ),
  allowance_mb: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 1e12 }), 'Data per cycle in MB (10^6 bytes), received + sent; null: none'),
  ),
  cycle_day: Type.Optional(Type.Integer({ minimum: 1, maximum: 28, description: 'Day of the month a cycle starts (UTC)' })),
  cost_per_mb: Type.Optional(Money('Cost of a MB within the allowance (or of every MB without one)')),
  overage_cost_per_mb: Type.Optional(Money('Cost of a MB over the allowance')),
  monthly_fee: Type.Optional(Money('Fee per card and cycle')),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' })),
  thresholds: Type.Optional(Thresholds),
};

export const PlanBody = Type.Object(
  { tenant_id: Type.Integer({ minimum: 1, maximum: 2147483647 }), ...planFields },
  { additionalProperties: false },
);
export const PlanPatch = Type.Partial(Type.Object(planFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});

export const ThresholdView = Answer({
  id: Int,
  percent: Int,
  action: Type.String(),
  command_type: Nullable(Type.String()),
  command_payload: Type.Unknown(),
  enabled: Type.Boolean(),
});

export const PlanView = Answer(
  {
    id: Int,
    tenant_id: Int,
    name: Type.String(),
    mcc_mnc: Nullable(Type.String()),
    carrier_default: Type.Boolean(),
    allowance_bytes: Nullable(Type.Number()),
    allowance_mb: Nullable(Type.Number()),
    cycle_day: Int,
    cost_per_mb: Type.Number(),
    overage_cost_per_mb: Type.Number(),
    monthly_fee: Type.Number(),
    currency: Type.String(),
    cards: Type.Integer({ description: 'Cards on it as their own plan (carrier default cards aside)' }),
    cards_priced: Type.Integer({
      description: 'Cards it prices now: as their own plan, their group’s or their carrier’s default',
    }),
    thresholds: Type.Array(ThresholdView),
    created_at: Instant,
    updated_at: Instant,
  },
  { description: 'A carrier plan: allowance per cycle, cycle start day, costs, and usage thresholds' },
);
export const PlanPage = Page(PlanView);

export const CardSettingsBody = Type.Object(
  {
    plan_id: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }), 'The card’s own plan; null: its carrier’s default'),
    ),
    valid_until: Type.Optional(
      Nullable(DayText, 'The last day the card may serve (it is not assigned after, and its client leaves before)'),
    ),
    thresholds: Type.Optional(Thresholds),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CardSettingsView = Answer({
  bank_id: Int,
  slot_id: Int,
  tenant_id: Nullable(Int),
  plan_id: Nullable(Int),
  valid_until: Nullable(Type.String()),
  thresholds: Type.Array(ThresholdView),
});
