// The fleet overview's answer, as the OpenAPI document (and the console's generated types) show it.
import { Type } from '@sinclair/typebox';
import { Answer, Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Tally = { total: Int, online: Int, offline: Int, unknown: Int };

export const FleetOverview = Answer(
  {
    generated_at: Type.String({ format: 'date-time' }),
    clients: Answer({
      ...Tally,
      by_tenant: Type.Array(Answer({ tenant_id: Int, name: Nullable(Type.String()), ...Tally })),
      by_mode: Type.Array(Answer({ mapping_mode: Type.String(), ...Tally })),
      by_carrier: Type.Array(Answer({ carrier: Type.String(), ...Tally })),
    }),
    banks: Type.Array(
      Answer({
        bank_id: Int,
        name: Type.String(),
        tenant_id: Int,
        bankd_connected: Nullable(Type.Boolean()),
        server_reachable: Nullable(Type.Boolean()),
        remsim_server_id: Nullable(Int),
        bankd: Nullable(Type.String()),
        slots: Int,
        available: Int,
        assigned: Int,
        faulty: Int,
        disabled: Int,
        unserved: Type.Optional(Int),
        unserved_reason: Type.Optional(
          Nullable(Type.String({ description: 'Why slots of the bank are not served (one of the reasons)' })),
        ),
        utilization: Type.Number({ description: 'Assigned slots over all slots, 0..1' }),
      }),
    ),
    ki_pools: Type.Array(
      Answer({
        id: Int,
        pool_name: Type.String(),
        tenant_id: Int,
        carrier: Nullable(Type.String()),
        mcc_mnc: Type.String(),
        enabled: Type.Boolean(),
        used: Int,
        capacity: Int,
        utilization: Type.Number({ description: 'Virtual SIMs over capacity, 0..1' }),
      }),
    ),
    carriers: Type.Array(Answer({ tenant_id: Int, carrier: Type.String(), cards: Int, available: Int, assigned: Int })),
    remsim_servers: Type.Array(
      Answer({
        id: Int,
        name: Type.String(),
        url: Type.String(),
        enabled: Type.Boolean(),
        simulated: Type.Boolean(),
        reachable: Nullable(Type.Boolean()),
        last_error: Nullable(Type.String()),
        last_pass_at: Nullable(Type.String({ format: 'date-time' })),
        figures: Type.Unknown({ description: "The last pass's figures (null before the first)" }),
        conflicts: Int,
        stalled: Type.Optional(Int),
        invalid: Type.Optional(Int),
      }),
    ),
    alerts: Type.Array(
      Answer({
        severity: Type.Union([Type.Literal('critical'), Type.Literal('warning')]),
        kind: Type.String(),
        message: Type.String(),
        tenant_id: Nullable(Int),
        ref: Type.String(),
      }),
    ),
  },
  { description: 'The fleet at a glance' },
);
