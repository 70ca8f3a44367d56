// What the admin API shows of a remsim-server IonMesh drives: its inventory fields and what the
// reconciler last found. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, Nullable, Page } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export const RemsimServerView = Answer(
  {
    id: Int,
    name: Str,
    url: Str,
    enabled: Type.Boolean(),
    simulated: Type.Boolean(),
    reachable: Nullable(Type.Boolean(), 'The last pass or probe reached it (null: not tried yet)'),
    failures: Int,
    next_attempt_at: Nullable(Instant),
    last_pass_at: Nullable(Instant),
    last_pass_ms: Nullable(Int),
    last_success_at: Nullable(Instant),
    last_error: Nullable(Str),
    figures: Nullable(Type.Record(Str, Type.Number()), 'Counts of the last pass (maps desired, created, deleted …)'),
    conflicts: Type.Array(Type.Unknown(), {
      description: 'Maps on the server that IonMesh did not make and that hold its slots',
    }),
    stalled: Type.Array(Type.Unknown(), { description: 'Maps the server has not pushed to their bankd' }),
    invalid: Type.Array(Type.Unknown(), {
      description: 'Maps IonMesh wants but cannot make (a bank slot beyond its bankd), each with its client and reason',
    }),
    stalls_total: Int,
    repairs_total: Int,
    flushes_total: Int,
    lease_owner: Nullable(Str, 'The IonMesh process reconciling it now'),
    bankd_instances: Int,
    created_at: Instant,
    updated_at: Instant,
    status: Str,
  },
  { description: 'A remsim-server and what the reconciler last found' },
);

export const RemsimServerPage = Page(RemsimServerView);

export const ReconcileOutcome = Answer(
  { status: Type.Union([Type.Literal('reconciled'), Type.Literal('unreachable')]) },
  { description: 'The outcome of the pass, with its figures' },
);
