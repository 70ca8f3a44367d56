// GET /api/backend/v1/events: the domain events, as a JSON page (after_id) or, with
// Accept: text/event-stream, as a live Server-Sent Events stream that resumes after
// Last-Event-ID (or after_id) from the outbox.
import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../app/database.js';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { errorResponses } from '../../app/schemas.js';
import { invalid } from '../../domain/errors.js';
import { readTenant } from '../../domain/tenant-scope.js';
import {
  type EventFilter,
  type EventHub,
  type EventRow,
  eventsAfter,
  latestEvents,
  outboxHead,
  PULSE_TYPE,
} from './event-hub.js';
import { EVENT_TYPE_FILTERS, EVENT_TYPES } from './event-types.js';

const KEEPALIVE_MS = 15_000;
const REPLAY_PAGES = 50;

const Query = Type.Object({
  after_id: Type.Optional(Type.Integer({ minimum: 0 })),
  type: Type.Optional(
    Type.String({
      pattern: '^[a-z_]+(\\.[a-z_]*)?(,[a-z_]+(\\.[a-z_]*)?)*$',
      maxLength: 500,
      description: 'Comma-separated types; a name ending in "." is a prefix (client.)',
    }),
  ),
  tenant_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  client_id: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 20_000,
      description: `Comma-separated client ids (at most 200): their events, and with type ${PULSE_TYPE} their live heartbeats`,
    }),
  ),
  heartbeats_of: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 20_000,
      description: 'Comma-separated client ids (at most 200) whose live heartbeats the stream also sends (no id, not replayed)',
    }),
  ),
  newest: Type.Optional(Type.Boolean({ description: 'JSON page: the latest events, newest first (ignores after_id)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
const Event = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  tenant_id: Type.Union([Type.Integer(), Type.Null()]),
  data: Type.Unknown(),
  created_at: Type.Unknown(),
});

/** The stream's types: the catalogue's names and prefixes (as webhooks), and the live pulses. */
function typeList(value: string | undefined) {
  const list = value?.split(',');
  const unknown = list?.filter((t) => t !== PULSE_TYPE && !EVENT_TYPE_FILTERS.includes(t));
  if (unknown?.length)
    throw invalid(`type: ${unknown.join(', ')} is not an event type or a prefix of one (GET /event-types)`, { field: 'type' });
  return list;
}

function clientList(name: string, value: string | undefined) {
  const list = value?.split(',');
  if (list && (list.length > 200 || list.some((c) => !c || c.length > 255)))
    throw invalid(`${name}: at most 200 comma-separated client ids`, { field: name });
  return list;
}

const frame = (e: EventRow) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** How often an open stream checks that its key is still valid (revoked or expired: it ends). */
export const KEY_RECHECK_MS = 3000;

export function eventRoutes(
  db: Database,
  hub: EventHub,
  keyStillValid: (keyId: number) => Promise<boolean>,
  recheckMs = KEY_RECHECK_MS,
) {
  return async function routes(app: App) {
    const streams = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const s of streams) s.end();
    });
    app.get(
      '/event-types',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listEventTypes',
          tags: ['events'],
          summary: 'The catalogue of event types: what the stream, the event list and webhooks can filter by',
          security: [{ apiKey: [] }],
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  type: Type.String(),
                  tenant: Type.Boolean(),
                  description: Type.String(),
                  data: Type.Unknown({ description: 'The JSON Schema of the payload (data) of every event of the type' }),
                }),
              ),
            }),
            ...errorResponses(401),
          },
        },
      },
      async () => ({ items: EVENT_TYPES.map((e) => ({ ...e })) }),
    );
    app.get(
      '/events',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listEvents',
          tags: ['events'],
          summary:
            'Domain events: a page after after_id, or a live SSE stream (Accept: text/event-stream; resumes after Last-Event-ID)',
          security: [{ apiKey: [] }],
          querystring: Query,
          response: {
            200: Type.Object({ items: Type.Array(Event), next_after_id: Type.Integer() }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (req, reply) => {
        const clientIds = clientList('client_id', req.query.client_id);
        const pulsesOf = clientList('heartbeats_of', req.query.heartbeats_of);
        const filter: EventFilter = {
          tenantId: readTenant(scopeOf(req), req.query.tenant_id) ?? null,
          types: typeList(req.query.type),
          clientIds,
          pulsesOf,
        };
        const lastEventId = Number(req.headers['last-event-id']);
        const after = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (req.query.after_id ?? null);
        if (!(req.headers.accept ?? '').includes('text/event-stream')) {
          if (req.query.newest) {
            const items = await latestEvents(db, filter, req.query.limit ?? 100);
            return { items, next_after_id: items[0]?.id ?? 0 };
          }
          const items = await eventsAfter(db, after ?? 0, filter, req.query.limit ?? 100);
          return { items, next_after_id: items.at(-1)?.id ?? after ?? 0 };
        }

        // A stream without a resume point starts at the outbox head, and says which it is
        // (X-Last-Event-Id), so a client can resume from there even before its first event.
        const start = after ?? (await outboxHead(db));
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'X-Last-Event-Id': String(start),
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        streams.add(res);
        let written = start;
        let replaying = true;
        let ended = false;
        const buffered: EventRow[] = [];
        const write = (e: EventRow) => {
          if (ended || e.id <= written) return;
          written = e.id;
          res.write(frame(e));
        };
        const endUnauthorized = () => {
          if (ended) return;
          ended = true;
          res.write(
            `event: error\ndata: ${JSON.stringify({ status: 'error', code: 'UNAUTHORIZED', message: 'The API key was revoked or has expired' })}\n\n`,
          );
          res.end();
        };
        const keyId = req.principal?.keyId;
        // Subscribe first, then replay: nothing that happens in between is lost or sent twice.
        const unsubscribe = await hub.subscribe({
          filter,
          sentUpTo: written,
          // Its key's revocation ends the stream before anything newer than it is sent.
          ...(keyId !== undefined ? { keyId, revoked: endUnauthorized } : {}),
          send: (e) => (replaying ? buffered.push(e) : write(e)),
          // Pulses carry no id: they never move Last-Event-ID and are not replayed.
          sendPulse: (p) => {
            if (!ended) res.write(`event: ${PULSE_TYPE}\ndata: ${JSON.stringify(p)}\n\n`);
          },
        });
        const keepalive = setInterval(() => {
          if (!ended) res.write(': keepalive\n\n');
        }, KEEPALIVE_MS);
        keepalive.unref();
        // A stream outlives the request that checked its key: an expired key (or a revocation
        // this process missed) ends it at the next check.
        const recheck = setInterval(() => {
          if (keyId === undefined || ended) return;
          keyStillValid(keyId).then(
            (valid) => {
              if (!valid) endUnauthorized();
            },
            () => {}, // the database is away: the next check decides
          );
        }, recheckMs);
        recheck.unref();
        res.on('close', () => {
          clearInterval(keepalive);
          clearInterval(recheck);
          unsubscribe();
          streams.delete(res);
        });
        if (replaying) {
          for (let page = 0; page < REPLAY_PAGES; page++) {
            const items = await eventsAfter(db, written, filter);
            for (const e of items) write(e);
            if (items.length < 1000) break;
          }
          replaying = false;
          for (const e of buffered.splice(0)) write(e);
        }
      },
    );
  };
}
