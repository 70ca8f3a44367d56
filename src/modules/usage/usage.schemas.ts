// Answers of the usage API: one schema per payload (validation, types, the OpenAPI document).
import { Type } from '@sinclair/typebox';
import { Answer, Nullable } from '../../app/schemas.js';
import { ClientDayRow, CycleReportRow, DayRow, ReportRow } from './usage.repository.js';

export const DayText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A UTC day, YYYY-MM-DD' });

export const Reporting = Type.Union([Type.Literal('reported'), Type.Literal('not_reported')], {
  description: 'not_reported: no counter was ever reported for the period (a client that never heartbeats), never 0',
});

const Totals = {
  rx_bytes: Nullable(Type.Number()),
  tx_bytes: Nullable(Type.Number()),
  total_bytes: Nullable(Type.Number()),
  tpdus: Nullable(Type.Number()),
  tpdu_errors: Nullable(Type.Number()),
  samples: Type.Integer(),
};

export const CardUsage = Answer({
  bank_id: Type.Integer(),
  slot_id: Type.Integer(),
  tenant_id: Nullable(Type.Integer()),
  iccid: Nullable(Type.String()),
  plan_id: Nullable(Type.Integer()),
  plan_source: Nullable(Type.String({ description: 'card (its own plan), carrier (its carrier’s default), or null' })),
  cycle: Answer({ start: Nullable(DayText), end: Nullable(DayText), reporting: Reporting, ...Totals }),
  from: DayText,
  to: DayText,
  reporting: Reporting,
  totals: Answer(Totals),
  days: Type.Array(DayRow),
  cycles: Type.Array(Answer({ cycle_start: DayText, cycle_end: DayText, ...Totals })),
});

export const ClientUsage = Answer({
  client_id: Type.String(),
  tenant_id: Type.Integer(),
  from: DayText,
  to: DayText,
  reporting: Reporting,
  not_reported_reason: Nullable(
    Type.Union([Type.Literal('never_heartbeats'), Type.Literal('no_counters')], {
      description: 'never_heartbeats: the deployed OpenWRT client; no_counters: heartbeats without byte or TPDU counters',
    }),
  ),
  totals: Answer(Totals),
  days: Type.Array(ClientDayRow),
  card: Nullable(
    Answer({
      bank_id: Type.Integer(),
      slot_id: Type.Integer(),
      plan_id: Nullable(Type.Integer()),
      cycle_start: Nullable(DayText),
      cycle_end: Nullable(DayText),
      reporting: Reporting,
      ...Totals,
    }),
  ),
});

export const UsageReport = Answer({
  from: DayText,
  to: DayText,
  group_by: Type.String(),
  items: Type.Array(ReportRow),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const CycleReport = Answer({
  day: DayText,
  group_by: Type.String(),
  items: Type.Array(CycleReportRow),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
