// The live event stream: Server-Sent Events from the outbox, filtered per subscriber, resumed
// after Last-Event-ID, and fed by every IonMesh process on one PostgreSQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, onPostgres, startIonMesh, startReplica } from './support/harness.js';
import { collect } from './support/sse.js';

const register = (url: string, clientId: string, tenantId = 1) =>
  fetch(`${url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, tenant_id: tenantId }),
  });

describe('live event stream', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('delivers a registration to a subscriber within a second or two', async () => {
    const listening = collect(h.url, 1, 5000, {}, '?type=client.registered');
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    expect((await register(h.url, 'live-1-slot0')).status).toBe(200);
    const { frames } = await listening;
    expect(frames.map((f) => [f.event, f.data.data.client_id])).toEqual([['client.registered', 'live-1-slot0']]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('resumes after Last-Event-ID with what the subscriber missed, in order, once', async () => {
    const page = (await (
      await fetch(`${h.url}/api/backend/v1/events?type=client.`, { headers: { 'x-api-key': ADMIN_KEY } })
    ).json()) as {
      items: Array<{ id: number }>;
      next_after_id: number;
    };
    const lastSeen = page.next_after_id;
    expect(lastSeen).toBeGreaterThan(0);
    for (const id of ['gone-1-slot0', 'gone-2-slot0']) expect((await register(h.url, id)).status).toBe(200);
    const { frames } = await collect(h.url, 2, 4000, { 'last-event-id': String(lastSeen) }, '?type=client.registered');
    expect(frames.map((f) => f.data.data.client_id)).toEqual(['gone-1-slot0', 'gone-2-slot0']);
    expect(frames[0]?.id).toBeGreaterThan(lastSeen);
    expect(frames[1]?.id).toBeGreaterThan(frames[0]?.id as number);
  });

  it('filters by tenant and type', async () => {
    await h.admin('/tenants', { method: 'POST', body: JSON.stringify({ id: 2, name: 'other' }) });
    const other = collect(h.url, 1, 2500, {}, '?tenant_id=2');
    const slots = collect(h.url, 1, 2500, {}, '?type=slot.');
    await new Promise((r) => setTimeout(r, 200));
    expect((await register(h.url, 'tenant1-slot0')).status).toBe(200);
    expect((await other).frames).toEqual([]); // tenant 1's events are not tenant 2's
    expect((await slots).frames).toEqual([]); // a registration changes no slot status event
  });

  it('refuses a bad filter and a missing key', async () => {
    const bad = await fetch(`${h.url}/api/backend/v1/events?type=Client!`, { headers: { 'x-api-key': ADMIN_KEY } });
    expect(bad.status).toBe(400);
    const anonymous = await fetch(`${h.url}/api/backend/v1/events`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
  });
});

/** Opens a stream with `key` and resolves, once the server ends it, with what it sent and when. */
async function streamUntilEnded(url: string, key: string, maxMs: number, query = '') {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), maxMs);
  const res = await fetch(`${url}/api/backend/v1/events${query}`, {
    headers: { accept: 'text/event-stream', 'x-api-key': key },
    signal: ctl.signal,
  });
  expect(res.status).toBe(200);
  let text = '';
  const decoder = new TextDecoder();
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let endedByServer = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        endedByServer = true;
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted: the server never ended it
  } finally {
    clearTimeout(timer);
  }
  return { text, endedByServer, at: Date.now() };
}

describe('a stream whose key goes away', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());
  const newKey = async (body: Record<string, unknown>) =>
    (await (
      await h.admin('/api-keys', { method: 'POST', body: JSON.stringify({ name: 'watcher', role: 'readonly', ...body }) })
    ).json()) as {
      id: number;
      key: string;
    };

  it('ends within seconds of the key being revoked, saying why', async () => {
    const { id, key } = await newKey({});
    const stream = streamUntilEnded(h.url, key, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const revokedAt = Date.now();
    expect((await h.admin(`/api-keys/${id}`, { method: 'DELETE' })).status).toBe(200);
    const { text, endedByServer, at } = await stream;
    expect(endedByServer).toBe(true);
    expect(at - revokedAt).toBeLessThan(6000);
    expect(text).toContain('event: error');
    expect(text).toContain('UNAUTHORIZED');
  });

  it('delivers nothing newer than its key’s revocation, while events keep coming', async () => {
    const { id, key } = await newKey({});
    const stream = streamUntilEnded(h.url, key, 15_000, '?type=client.registered,api_key.revoked');
    await new Promise((r) => setTimeout(r, 300));
    let registering = true;
    const traffic = (async () => {
      for (let i = 0; registering && i < 500; i++) await register(h.url, `after-revoke-${i}-slot0`);
    })();
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.admin(`/api-keys/${id}`, { method: 'DELETE' })).status).toBe(200);
    const { text, endedByServer } = await stream;
    registering = false;
    await traffic;
    expect(endedByServer).toBe(true);
    expect(text).toContain('UNAUTHORIZED');
    const [revocation] = await h.query<{ id: number }>(
      sql`SELECT id::int AS id FROM events WHERE type = 'api_key.revoked' AND (data->>'key_id')::int = ${id}`,
    );
    const delivered = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(delivered.length).toBeGreaterThan(0); // registrations before the revocation came through
    expect(delivered.filter((n) => n > (revocation?.id as number))).toEqual([]);
    // Registrations went on after it: the stream stopped at the revocation, not for lack of events.
    const [later] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM events WHERE type = 'client.registered' AND id > ${revocation?.id as number}`,
    );
    expect(later?.n).toBeGreaterThan(0);
  });

  it('ends once the key expires', async () => {
    const { key } = await newKey({ expires_at: new Date(Date.now() + 2000).toISOString() });
    const { endedByServer, at } = await streamUntilEnded(h.url, key, 15_000);
    expect(endedByServer).toBe(true);
    expect(at).toBeGreaterThan(Date.now() - 15_000);
  });
});

describe.runIf(onPostgres)('live event stream across IonMesh processes', () => {
  it('delivers an event written by another process (LISTEN/NOTIFY)', async () => {
    const h = await startIonMesh();
    const replica = await startReplica(h);
    try {
      const listening = collect(h.url, 1, 5000, {}, '?type=client.registered');
      await new Promise((r) => setTimeout(r, 300));
      expect((await register(`http://127.0.0.1:${replica.port}`, 'elsewhere-slot0')).status).toBe(200);
      const { frames } = await listening;
      expect(frames.map((f) => f.data.data.client_id)).toEqual(['elsewhere-slot0']);
    } finally {
      await replica.close();
      await h.close();
    }
  });
});
