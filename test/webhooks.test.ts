// Webhooks: signed deliveries from the outbox to a real HTTP receiver on loopback, retried with
// back-off, logged, redelivered on demand, disabled after persistent failure, sent once even by
// two dispatchers, and never to private addresses unless allowed.
import { createServer, type Server } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/domain/webhook-signature.js';
import { WebhookDispatcher } from '../src/modules/webhooks/dispatcher.js';
import { type Harness, json, onPostgres, outboxSettled, settledTick, startIonMesh, startReplica } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook receiver: records every request; answers `failFirst` times 500, then 204. */
async function receiver() {
  const got: Received[] = [];
  const state = { failFirst: 0, always: 0 as number };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      if (state.always || state.failFirst > 0) {
        state.failFirst--;
        res.writeHead(state.always || 500).end('nope');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, got, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const register = (h: Harness, clientId: string) =>
  fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, tenant_id: 1 }),
  });

describe('webhooks', () => {
  let h: Harness;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let dispatcher: WebhookDispatcher;
  let hook: Doc;

  beforeAll(async () => {
    h = await startIonMesh({ config: { webhooksAllowPrivate: true } });
    rx = await receiver();
    dispatcher = new WebhookDispatcher(h.db, h.app.log, {
      allowPrivateTargets: true,
      backoffBaseSec: 0.05,
      disableAfterFailures: 4,
    });
  });
  afterAll(async () => {
    await h.close();
    await rx.close();
  });

  const deliveries = async (id = hook.id) => ((await (await h.admin(`/webhooks/${id}/deliveries`)).json()) as Doc).items as Doc[];

  it('signs and delivers an event to its tenant’s webhook, and logs the delivery', async () => {
    const res = await h.admin('/webhooks', json({ tenant_id: 1, url: rx.url, event_types: ['client.registered'] }));
    expect(res.status).toBe(200);
    hook = (await res.json()) as Doc;
    expect(hook.secret).toMatch(/^whsec_/);
    expect(((await (await h.admin(`/webhooks/${hook.id}`)).json()) as Doc).secret).toBeUndefined();
    expect((await register(h, 'wh-1-slot0')).status).toBe(200);
    await settledTick(h, dispatcher);
    expect(rx.got).toHaveLength(1);
    const r = rx.got[0] as Received;
    const ts = Number(r.headers['x-ionmesh-timestamp']);
    expect(verifyWebhook(hook.secret, ts, r.body, String(r.headers['x-ionmesh-signature']), Date.now() / 1000)).toBe(true);
    expect(verifyWebhook(hook.secret, ts, `${r.body} `, String(r.headers['x-ionmesh-signature']), Date.now() / 1000)).toBe(false);
    const body = JSON.parse(r.body) as Doc;
    expect(body).toMatchObject({ type: 'client.registered', tenant_id: 1, data: { client_id: 'wh-1-slot0' } });
    // The event's time in ISO 8601, like every timestamp of the API, and recent.
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(body.created_at) - Date.now())).toBeLessThan(60_000);
    expect(r.headers['x-ionmesh-event']).toBe('client.registered');
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, last_status_code: 204, event_type: 'client.registered' });
    expect(d?.last_latency_ms).toBeGreaterThanOrEqual(0);
    // Nothing twice: another round sends nothing new.
    await settledTick(h, dispatcher);
    expect(rx.got).toHaveLength(1);
  });

  it('retries a failing receiver with back-off until it answers, and redelivers on demand', async () => {
    rx.state.failFirst = 2;
    expect((await register(h, 'wh-2-slot0')).status).toBe(200);
    await settledTick(h, dispatcher);
    let [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, last_error: 'answered 500' });
    expect(new Date(d?.next_attempt_at).getTime()).toBeGreaterThan(Date.now() - 1000);
    for (let i = 0; i < 50 && d?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await settledTick(h, dispatcher);
      [d] = await deliveries();
    }
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3 });
    const before = rx.got.length;
    expect((await h.admin(`/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, { method: 'POST' })).status).toBe(200);
    await settledTick(h, dispatcher);
    expect(rx.got.length).toBe(before + 1);
    expect((await h.admin(`/webhooks/${hook.id}/deliveries/99999/redeliver`, { method: 'POST' })).status).toBe(404);
  });

  it('takes over a delivery a crashed process left half-way', async () => {
    expect((await register(h, 'wh-3-slot0')).status).toBe(200);
    await outboxSettled(h);
    await dispatcher.fanOut();
    // As if a process claimed it and died before recording the result.
    await h.query(sql`UPDATE webhook_deliveries SET status = 'delivering', attempts = 1, locked_until = now() - interval '1 second'
                      WHERE status = 'pending'`);
    const before = rx.got.length;
    await settledTick(h, dispatcher);
    expect(rx.got.length).toBe(before + 1);
    expect((await deliveries())[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('disables a webhook after persistent failure, and says so as an event', async () => {
    rx.state.always = 503;
    expect((await register(h, 'wh-4-slot0')).status).toBe(200);
    for (let i = 0; i < 80; i++) {
      await settledTick(h, dispatcher);
      const w = (await (await h.admin(`/webhooks/${hook.id}`)).json()) as Doc;
      if (!w.enabled) break;
      await new Promise((r) => setTimeout(r, 40));
    }
    rx.state.always = 0;
    const w = (await (await h.admin(`/webhooks/${hook.id}`)).json()) as Doc;
    expect(w.enabled).toBe(false);
    expect(w.disabled_reason).toMatch(/4 consecutive failed deliveries/);
    const [e] = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'webhook.disabled'`);
    expect(e?.data.webhook_id).toBe(hook.id);
    // A disabled webhook gets no new deliveries; enabling it again clears the failures.
    const count = (await deliveries()).length;
    expect((await register(h, 'wh-5-slot0')).status).toBe(200);
    await settledTick(h, dispatcher);
    expect((await deliveries()).length).toBe(count);
    const again = (await (
      await h.admin(`/webhooks/${hook.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: true }) })
    ).json()) as Doc;
    expect(again).toMatchObject({ enabled: true, disabled_reason: null, consecutive_failures: 0 });
  });

  it('delivers by prefix, as the stream filters: a webhook on client. gets client events and nothing else', async () => {
    const rx2 = await receiver();
    try {
      const res = await h.admin('/webhooks', json({ tenant_id: 1, url: rx2.url, event_types: ['client.'] }));
      expect(res.status).toBe(200);
      const prefixHook = (await res.json()) as Doc;
      expect((await register(h, 'wh-prefix-slot0')).status).toBe(200);
      await h.query(sql`INSERT INTO events (type, tenant_id, data) VALUES ('pool.capacity_warning', 1,
        '{"pool_id": 1, "pool_name": "p", "threshold_percent": 80, "current_virtual_sims": 8, "capacity": 10}')`);
      await settledTick(h, dispatcher);
      const types = rx2.got.map((r) => (JSON.parse(r.body) as Doc).type as string);
      expect(types).toContain('client.registered');
      expect(types.filter((t) => !t.startsWith('client.'))).toEqual([]);
      expect((await h.admin(`/webhooks/${prefixHook.id}`, { method: 'DELETE' })).status).toBe(200);
    } finally {
      await rx2.close();
    }
  });

  it('refuses bad webhooks with a 4xx and writes nothing', async () => {
    const [before] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhooks`);
    for (const [body, status] of [
      [{ tenant_id: 1, url: 'ftp://x/y' }, 400],
      [{ tenant_id: 1, url: 'http://user:pw@example.com/' }, 400],
      [{ tenant_id: 1, url: rx.url, secret: 'short' }, 400],
      [{ tenant_id: 1, url: rx.url, event_types: ['Client Registered'] }, 400],
      [{ tenant_id: 77, url: rx.url }, 404],
      [{ tenant_id: 1, url: rx.url, extra: true }, 400],
    ] as Array<[Doc, number]>) {
      expect((await h.admin('/webhooks', json(body))).status, JSON.stringify(body)).toBe(status);
    }
    const [after] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhooks`);
    expect(after?.n).toBe(before?.n);
  });
});

describe('webhook targets', () => {
  it('refuses private and loopback addresses unless configuration allows them', async () => {
    const h = await startIonMesh();
    try {
      for (const url of [
        'http://127.0.0.1:8080/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://localhost/x',
      ]) {
        const res = await h.admin('/webhooks', json({ tenant_id: 1, url }));
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(((await res.json()) as Doc).message).toMatch(/private, loopback or reserved|does not resolve/);
      }
    } finally {
      await h.close();
    }
  });
});

describe('a webhook whose name resolves differently each time (DNS rebinding)', () => {
  it('resolves the name once per delivery and connects to the address it checked', async () => {
    const h = await startIonMesh({ config: { webhooksAllowPrivate: true } });
    const rx = await receiver();
    try {
      const port = new URL(rx.url).port;
      // Saved directly: the name exists only for the resolver this test hands the dispatcher.
      await h.query(
        sql`INSERT INTO webhooks (tenant_id, url, secret, event_types) VALUES (1, ${`http://hooks.rebind.test:${port}/hook`}, 'whsec-test', '{}')`,
      );
      const asked: string[] = [];
      // First answer: the receiver's address. Any later answer: an address where nothing listens.
      const resolve = async (host: string) => {
        asked.push(host);
        return [{ address: asked.length === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
      };
      const dispatcher = new WebhookDispatcher(h.db, h.app.log, { allowPrivateTargets: true, resolve });
      expect((await register(h, 'rebind-1-slot0')).status).toBe(200);
      await settledTick(h, dispatcher);
      expect(asked).toEqual(['hooks.rebind.test']); // one lookup for the one delivery
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]?.headers.host).toBe(`hooks.rebind.test:${port}`);
      const [delivery] = await h.query<{ status: string }>(sql`SELECT status FROM webhook_deliveries`);
      expect(delivery?.status).toBe('succeeded');
    } finally {
      await rx.close();
      await h.close();
    }
  });

  it('refuses a delivery whose name resolves to a private address, without connecting', async () => {
    const h = await startIonMesh();
    const rx = await receiver();
    try {
      const port = new URL(rx.url).port;
      await h.query(
        sql`INSERT INTO webhooks (tenant_id, url, secret, event_types) VALUES (1, ${`http://hooks.private.test:${port}/hook`}, 'whsec-test', '{}')`,
      );
      const dispatcher = new WebhookDispatcher(h.db, h.app.log, {
        allowPrivateTargets: false,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      expect((await register(h, 'rebind-2-slot0')).status).toBe(200);
      await settledTick(h, dispatcher);
      expect(rx.got).toHaveLength(0);
      const [delivery] = await h.query<{ last_error: string }>(sql`SELECT last_error FROM webhook_deliveries`);
      expect(delivery?.last_error).toMatch(/private, loopback or reserved/);
    } finally {
      await rx.close();
      await h.close();
    }
  });
});

describe.runIf(onPostgres)('webhooks with two IonMesh processes', () => {
  it('delivers each event exactly once when two dispatchers run at the same time', async () => {
    const h = await startIonMesh({ config: { webhooksAllowPrivate: true }, poolSize: 20 });
    const replica = await startReplica(h, 20, { config: { webhooksAllowPrivate: true } });
    const rx = await receiver();
    try {
      expect((await h.admin('/webhooks', json({ tenant_id: 1, url: rx.url }))).status).toBe(200);
      await Promise.all(Array.from({ length: 30 }, (_, i) => register(h, `pair-wh-${i}-slot0`)));
      const a = h.services.dispatcher;
      const b = replica.services.dispatcher;
      for (let i = 0; i < 5; i++) {
        await outboxSettled(h);
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      }
      const ids = rx.got.map((r) => (JSON.parse(r.body) as Doc).id as number);
      expect(ids.length).toBe(30);
      expect(new Set(ids).size).toBe(30);
    } finally {
      await rx.close();
      await replica.close();
      await h.close();
    }
  });
});
