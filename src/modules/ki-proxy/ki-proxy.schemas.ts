// What the admin API shows of a KI proxy pool. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, Nullable, Page } from '../../app/schemas.js';
import { cardColumnFields } from '../inventory/index.js';

const Int = Type.Integer();
const Str = Type.String();

export const PoolView = Answer(
  {
    id: Int,
    tenant_id: Int,
    pool_name: Str,
    carrier: Nullable(Str),
    mcc_mnc: Str,
    bank_id: Int,
    physical_slot_start: Int,
    physical_slot_end: Int,
    routing_mode: Str,
    max_virtual_sims: Int,
    current_virtual_sims: Int,
    enabled: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
    virtual_segments: Type.Array(Answer({ bank_id: Int, virtual_slot_start: Int, virtual_slot_end: Int })),
    virtual_slots: Int,
    capacity: Int,
    slot_range: Str,
    slots: Int,
    utilization: Type.Number({ description: 'Share of capacity in use, 0 to 1' }),
  },
  { description: 'A KI proxy pool with its capacity and use' },
);

export const PoolDetail = Answer(
  {
    ...PoolView.properties,
    physical_sims: Type.Array(Answer({ ...cardColumnFields, status: Str, health_status: Str }), {
      description: 'The KI cards of its physical range',
    }),
  },
  { description: 'A KI proxy pool with its KI cards' },
);

export const PoolPage = Page(PoolView);
