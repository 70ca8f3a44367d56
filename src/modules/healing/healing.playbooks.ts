// A tenant's playbooks: what IonMesh heals by itself, with limits. One schema drives the API's
// validation, the stored settings (only what a tenant changed is kept; these defaults fill the
// rest) and the docs (README "Self-healing").
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Bool = (description: string) => Type.Boolean({ description });
const Int = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, description });

/** Retries of a playbook that moves clients: attempts, and the back-off between them (doubling). */
const retries = {
  max_attempts: Int(1, 20, 'Attempts before the incident is escalated to a person'),
  backoff_sec: Int(1, 86_400, 'Wait before the second attempt; doubled for each one after'),
};

export const PlaybooksSchema = Type.Object(
  {
    card_failure: Type.Object(
      {
        enabled: Bool(
          'A failing card (auto-lock, health error): its client moves to another card of the carrier, the card becomes faulty',
        ),
        ...retries,
        escalate_when_no_card: Bool('No free card of the carrier: escalate at once instead of retrying'),
      },
      { additionalProperties: false },
    ),
    bankd_loss: Type.Object(
      {
        enabled: Bool(
          'A bank its remsim-server stopped listing (past --bank-offline-grace): its clients move to banks whose bankd is connected',
        ),
        ...retries,
        move_back: Bool('When the bank returns, its clients move back to the cards they left (where those are free)'),
      },
      { additionalProperties: false },
    ),
    client_request: Type.Object(
      {
        enabled: Bool('Clients may ask for another card (request-new-slot) or another bankd (request-different-bankd)'),
        mark_faulty: Bool('A card a client reports failed becomes faulty (locked: an operator unlocks it)'),
      },
      { additionalProperties: false },
    ),
    silent_router: Type.Object(
      {
        enabled: Bool('A heartbeating client that went silent: an incident; a restart is queued when it returns'),
        restart_on_return: Bool('Queue a restart command when it heartbeats again'),
        escalate_after_min: Int(1, 10_080, 'Escalate when it is still silent after this long'),
      },
      { additionalProperties: false },
    ),
    remsim_drift: Type.Object(
      {
        enabled: Bool(
          'A remsim-server that lost, stalled or could not take maps: an incident until the reconciler has repaired it',
        ),
        escalate_after_min: Int(1, 10_080, 'Escalate when it is not repaired after this long'),
      },
      { additionalProperties: false },
    ),
    move_cooldown_min: Int(
      0,
      10_080,
      'A client is moved by self-healing at most once within this (a request from the client included)',
    ),
    max_moves_per_hour: Int(0, 100_000, 'Moves by self-healing per tenant and hour; past it incidents are escalated, not healed'),
  },
  { additionalProperties: false },
);
export type Playbooks = Static<typeof PlaybooksSchema>;

export const PLAYBOOK_DEFAULTS: Playbooks = {
  card_failure: { enabled: true, max_attempts: 3, backoff_sec: 60, escalate_when_no_card: false },
  bankd_loss: { enabled: true, max_attempts: 5, backoff_sec: 30, move_back: false },
  client_request: { enabled: true, mark_faulty: true },
  silent_router: { enabled: true, restart_on_return: true, escalate_after_min: 30 },
  remsim_drift: { enabled: true, escalate_after_min: 15 },
  move_cooldown_min: 30,
  max_moves_per_hour: 50,
};

/** A change to the playbooks: any field of any playbook, the rest stays. */
export const PlaybooksPatchSchema = Type.Object(
  Object.fromEntries(
    Object.entries(PlaybooksSchema.properties).map(([k, v]) => [
      k,
      Type.Optional(
        v.type === 'object'
          ? Type.Partial(v as (typeof PlaybooksSchema.properties)['card_failure'], { additionalProperties: false })
          : v,
      ),
    ]),
  ),
  { additionalProperties: false, minProperties: 1 },
);

/** The settings in force: the defaults with what was stored (or is being changed) over them. */
export function playbooksOf(...layers: unknown[]): Playbooks {
  const out = structuredClone(PLAYBOOK_DEFAULTS) as unknown as Record<string, unknown>;
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    for (const [k, v] of Object.entries(layer)) {
      if (!(k in out)) continue;
      const cur = out[k];
      out[k] = cur && typeof cur === 'object' && v && typeof v === 'object' ? { ...cur, ...v } : v;
    }
  }
  // What was stored under an older shape falls back to the defaults field by field.
  return Value.Check(PlaybooksSchema, out) ? (out as unknown as Playbooks) : PLAYBOOK_DEFAULTS;
}

/** The wait before attempt n+1 (n attempts made): backoff, doubled each time, at most a day. */
export const backoffSec = (backoff: number, attemptsMade: number) =>
  Math.min(86_400, backoff * 2 ** Math.max(0, attemptsMade - 1));

export type Cause = 'card_failure' | 'bankd_loss' | 'client_request' | 'silent_router' | 'remsim_drift';
export const CAUSES: readonly Cause[] = ['card_failure', 'bankd_loss', 'client_request', 'silent_router', 'remsim_drift'];
