// The live event stream of one process: it follows the events outbox (woken by NOTIFY from any
// IonMesh process, and by a slow poll in case a notification is lost) and fans new events out
// to subscribers, each with its own filter. Events are read in id order; ids of transactions
// still open leave gaps, so the cursor only passes a gap once it has stayed open for GAP_MS
// (a rolled-back transaction leaves its id unused forever).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Database, rowsOf, SqlTime } from '../../app/database.js';
import { typeMatches } from './event-types.js';

export const EventRow = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  tenant_id: Type.Union([Type.Integer(), Type.Null()]),
  data: Type.Unknown(),
  created_at: SqlTime,
});
export type EventRow = Static<typeof EventRow>;
const HeadRow = Type.Object({ id: Type.Integer() });

export interface EventFilter {
  tenantId?: number | null;
  /** Type names or prefixes ending in '.' (e.g. "client.") */
  types?: string[];
  /** Only events about these clients (data.client_id), and their heartbeat pulses. */
  clientIds?: string[];
  /** Heartbeat pulses of these clients, whatever the other filters (the console's watch list). */
  pulsesOf?: string[];
}

/** A heartbeat as seen live: not an outbox event (no id, never replayed), see ClientsService. */
export interface Pulse {
  client_id: string;
  tenant_id: number;
  at: string;
  health: string;
  stats: unknown;
}

/** Heartbeat pulses go only to subscribers that name the type `client.heartbeat` itself. */
export const PULSE_TYPE = 'client.heartbeat';
const wantsPulse = (f: EventFilter, p: Pulse) =>
  (f.tenantId == null || p.tenant_id === f.tenantId) &&
  (!!f.pulsesOf?.includes(p.client_id) ||
    (!!f.types?.includes(PULSE_TYPE) && (!f.clientIds?.length || f.clientIds.includes(p.client_id))));

const PULSE_CHANNEL = 'ionmesh_pulse';
/** NOTIFY payloads must stay under 8000 bytes. */
const PULSE_PAYLOAD_MAX = 7000;

export interface Subscriber {
  filter: EventFilter;
  send: (e: EventRow) => void;
  sendPulse?: (p: Pulse) => void;
  /** Events up to this id were sent already (resume). */
  sentUpTo: number;
  /** The API key the subscriber holds: its revocation (the event api_key.revoked, in outbox
   * order) ends the subscription before any later event reaches it. */
  keyId?: number;
  revoked?: () => void;
}

const BATCH = 1000;
const GAP_MS = 3000;
const POLL_MS = 2000;

const clientOf = (data: unknown) =>
  data && typeof data === 'object' && typeof (data as { client_id?: unknown }).client_id === 'string'
    ? (data as { client_id: string }).client_id
    : null;

export const matchesFilter = (f: EventFilter, e: Pick<EventRow, 'type' | 'tenant_id' | 'data'>) =>
  (f.tenantId == null || e.tenant_id === f.tenantId) &&
  typeMatches(f.types, e.type) &&
  (!f.clientIds?.length || f.clientIds.includes(clientOf(e.data) ?? ''));

/** The filter as SQL conditions on events (types and prefixes as typeMatches, tenant, clients). */
function filterSql(f: EventFilter) {
  return sql`(${f.tenantId ?? null}::int IS NULL OR tenant_id = ${f.tenantId ?? null}::int)
    AND ionmesh_type_matches(${sql.param(f.types ?? [])}::text[], type)
    AND (${!f.clientIds?.length} OR data->>'client_id' = ANY(${sql.param(f.clientIds ?? [])}::text[]))`;
}

/** Events after an id, in order, filtered in SQL (for resume and for the JSON list). */
export function eventsAfter(db: Database, afterId: number, f: EventFilter, limit = BATCH) {
  return db.run((h) =>
    rowsOf(
      h,
      EventRow,
      sql`SELECT id::int AS id, type, tenant_id, data, created_at FROM events
          WHERE id > ${afterId} AND ${filterSql(f)} ORDER BY id LIMIT ${limit}`,
    ),
  );
}

/** The id of the newest event (0: none yet). */
export async function outboxHead(db: Database) {
  const [top] = await db.run((h) => rowsOf(h, HeadRow, sql`SELECT COALESCE(max(id), 0)::int AS id FROM events`));
  return top?.id ?? 0;
}

/** The latest events of a filter, newest first (the console's recent events). */
export function latestEvents(db: Database, f: EventFilter, limit: number) {
  return db.run((h) =>
    rowsOf(
      h,
      EventRow,
      sql`SELECT id::int AS id, type, tenant_id, data, created_at FROM events
          WHERE ${filterSql(f)} ORDER BY id DESC LIMIT ${limit}`,
    ),
  );
}

export class EventHub {
  private subscribers = new Set<Subscriber>();
  private cursor = 0;
  private gap: { id: number; since: number } | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private unlisten: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private unlistenPulses: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Starts following the outbox from its current end (lazily, with the first subscriber). */
  private async start() {
    if (this.started) return;
    this.started = true;
    this.cursor = Math.max(this.cursor, await outboxHead(this.db));
    try {
      this.unlisten = await this.db.listen('ionmesh_events', () => this.poke());
    } catch (err) {
      this.log.warn({ err }, 'event stream: LISTEN failed; following the outbox by polling only');
    }
    if (this.db.kind === 'postgres') {
      try {
        this.unlistenPulses = await this.db.listen(PULSE_CHANNEL, (payload) => {
          if (!payload) return;
          try {
            for (const p of JSON.parse(payload) as Pulse[]) this.fanOutPulse(p);
          } catch {
            // not ours
          }
        });
      } catch (err) {
        this.log.warn({ err }, 'event stream: LISTEN for heartbeat pulses failed; pulses stay in their process');
      }
    }
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
  }

  async subscribe(s: Subscriber) {
    await this.start();
    this.subscribers.add(s);
    this.poke();
    return () => {
      this.subscribers.delete(s);
    };
  }

  get size() {
    return this.subscribers.size;
  }

  poke() {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err) => this.log.error({ err }, 'event stream: reading the outbox failed'))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async pump() {
    for (let round = 0; round < 100 && this.subscribers.size > 0; round++) {
      const batch = await eventsAfter(this.db, this.cursor, {}, BATCH);
      let advanced = 0;
      for (const e of batch) {
        if (e.id !== this.cursor + 1) {
          // A gap: an open transaction, or a rolled-back one. Wait for it a little.
          if (!this.gap || this.gap.id !== this.cursor + 1) this.gap = { id: this.cursor + 1, since: Date.now() };
          if (Date.now() - this.gap.since < GAP_MS) break;
          this.gap = null;
        }
        this.cursor = e.id;
        advanced++;
        if (e.type === 'api_key.revoked') {
          const keyId = (e.data as { key_id?: unknown } | null)?.key_id;
          for (const s of this.subscribers) if (s.keyId !== undefined && s.keyId === keyId) s.revoked?.();
        }
        for (const s of this.subscribers) {
          if (e.id > s.sentUpTo && matchesFilter(s.filter, e)) {
            s.sentUpTo = e.id;
            s.send(e);
          }
        }
      }
      if (advanced < BATCH) return;
    }
  }

  /**
   * Heartbeats just written. On PGlite (one process) they go straight to the subscribers; on
   * PostgreSQL through NOTIFY, so that a console on any replica sees every heartbeat (this
   * process gets its own notification back). Never awaited by the heartbeat path.
   */
  publishPulses(pulses: Pulse[]) {
    if (this.db.kind !== 'postgres') {
      for (const p of pulses) this.fanOutPulse(p);
      return;
    }
    const payloads: string[] = [];
    let chunk: string[] = [];
    let size = 2;
    for (const p of pulses) {
      const text = JSON.stringify(p);
      if (text.length + 2 > PULSE_PAYLOAD_MAX) continue;
      if (size + text.length + 1 > PULSE_PAYLOAD_MAX) {
        payloads.push(`[${chunk.join(',')}]`);
        chunk = [];
        size = 2;
      }
      chunk.push(text);
      size += text.length + 1;
    }
    if (chunk.length) payloads.push(`[${chunk.join(',')}]`);
    if (!payloads.length) return;
    void this.db
      .run((h) => h.execute(sql`SELECT pg_notify(${PULSE_CHANNEL}, p) FROM unnest(${sql.param(payloads)}::text[]) AS p`))
      .catch((err) => this.log.warn({ err }, 'event stream: publishing heartbeat pulses failed'));
  }

  private fanOutPulse(p: Pulse) {
    for (const s of this.subscribers) if (s.sendPulse && wantsPulse(s.filter, p)) s.sendPulse(p);
  }

  async stop() {
    await this.unlistenPulses?.().catch(() => {});
    this.unlistenPulses = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribers.clear();
    await this.pumping;
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
    this.started = false;
  }
}
