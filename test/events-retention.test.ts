// Retention of the events outbox: old events go, unless the webhook fan-out has not read them or
// a delivery still has to send them; finished deliveries past retention go with them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRetention } from '../src/server/background.js';
import { type Harness, startIonMesh } from './support/harness.js';

const DAY = 86_400;

describe('events retention', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('deletes old events the webhooks, the rules and self-healing have read and no delivery needs, and old finished deliveries', async () => {
    const [hook] = await h.query<{ id: number }>(
      sql`INSERT INTO webhooks (tenant_id, url, secret) VALUES (1, 'https://example.invalid/hook', 's') RETURNING id`,
    );
    const old = await h.query<{ id: number }>(
      sql`INSERT INTO events (type, tenant_id, data, created_at)
          SELECT 'test.old', 1, jsonb_build_object('n', n), now() - interval '40 days' FROM generate_series(1, 5) n RETURNING id::int`,
    );
    const ids = old.map((e) => e.id).sort((a, b) => a - b);
    const [recent] = await h.query<{ id: number }>(
      sql`INSERT INTO events (type, tenant_id, data) VALUES ('test.recent', 1, '{}') RETURNING id::int`,
    );
    // The fan-out has read up to the fourth old event; the second still has a pending delivery.
    // A reader's place is an event's (txid, id), as outboxAfter leaves it.
    const at = (id: number | undefined) =>
      sql`last_event_id = ${id ?? 0}, last_txid = coalesce((SELECT txid FROM events WHERE id = ${id ?? 0}), 0)`;
    await h.query(sql`INSERT INTO outbox_cursors (name) VALUES ('webhooks') ON CONFLICT (name) DO NOTHING`);
    await h.query(sql`UPDATE outbox_cursors SET ${at(ids[3])} WHERE name = 'webhooks'`);
    await h.query(sql`INSERT INTO webhook_deliveries (webhook_id, event_id, status) VALUES (${hook?.id}, ${ids[1]}, 'pending')`);
    await h.query(sql`INSERT INTO webhook_deliveries (webhook_id, event_id, status, updated_at)
                      VALUES (${hook?.id}, ${ids[0]}, 'succeeded', now() - interval '40 days'),
                             (${hook?.id}, ${recent?.id}, 'succeeded', now())`);

    // Self-healing has read none of them: nothing goes, however old.
    await h.query(sql`UPDATE rules_state SET ${at(recent?.id)} WHERE id = 1`);
    await h.query(sql`UPDATE healing_state SET ${at(0)} WHERE id = 1`);
    expect(await pruneRetention(h.db, 30 * DAY, 1000)).toEqual({ events: 0, deliveries: 1 });
    // It has read them all; the rules engine up to the third: the fourth waits for it, however old.
    await h.query(sql`UPDATE healing_state SET ${at(recent?.id)} WHERE id = 1`);
    await h.query(sql`UPDATE rules_state SET ${at(ids[2])} WHERE id = 1`);
    expect(await pruneRetention(h.db, 30 * DAY, 1000)).toEqual({ events: 2, deliveries: 0 });
    await h.query(sql`UPDATE rules_state SET ${at(recent?.id)} WHERE id = 1`);
    const pruned = await pruneRetention(h.db, 30 * DAY, 1000);
    expect(pruned).toEqual({ events: 1, deliveries: 0 });
    const left = await h.query<{ id: number }>(sql`SELECT id::int FROM events WHERE type LIKE 'test.%' ORDER BY id`);
    expect(left.map((e) => e.id)).toEqual([ids[1], ids[4], recent?.id]);
    const deliveries = await h.query<{ event_id: number }>(sql`SELECT event_id::int FROM webhook_deliveries ORDER BY event_id`);
    expect(deliveries.map((d) => d.event_id)).toEqual([ids[1], recent?.id]);
    // Nothing more to do: a second call deletes nothing.
    expect(await pruneRetention(h.db, 30 * DAY, 1000)).toEqual({ events: 0, deliveries: 0 });
  });
});
