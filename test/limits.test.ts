// Limits: a whole site of 500 routers behind one NAT address registering at once after a power
// cut always gets through with the default limits (the deployed client registers once and never
// retries); a flood from one address is stopped with 429 and Retry-After, without touching other
// addresses or keys; bodies nested too deep are refused before parsing.
import { request } from 'node:http';
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../src/app/config.js';
import { ADMIN_KEY, type Harness, json, startIonMesh } from './support/harness.js';

/** Any request from a chosen local address (127.0.0.x), answered as status, headers and text. */
const call = (
  h: Harness,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; from?: string; body?: unknown } = {},
) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        method,
        path,
        localAddress: opts.from ?? '127.0.0.1',
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

/** POST to the client API from an address. */
const post = (h: Harness, path: string, body: unknown, from = '127.0.0.1') =>
  call(h, 'POST', `/api/backend/v1/remsim${path}`, { body, from });

describe('a power cut at a site: 500 routers behind one NAT address, with the default limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ config: { clientRateLimit: DEFAULTS.clientRateLimit, adminRateLimit: DEFAULTS.adminRateLimit } });
    const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
    const bank = {
      bank_id: 50,
      name: 'site bank',
      tenant_id: 1,
      bankd_instance_id: bankd?.id,
      slot_count: 520,
      unknown_cards_present: true,
    };
    expect((await h.admin('/banks', json(bank))).status).toBe(200);
  });
  afterAll(() => h.close());

  it('registers every router at once, then takes each one’s heartbeat', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `site-${String(i).padStart(3, '0')}-slot0`);
    const body = (id: string) => `{"client_id":"${id}","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`;
    const answers = await Promise.all(ids.map((id) => post(h, '/register-client', body(id))));
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    const [slots] = await h.query<{ n: number }>(
      sql`SELECT count(DISTINCT (bank_id, slot_id))::int AS n FROM service_profiles WHERE client_id LIKE 'site-%' AND status = 'ACTIVE'`,
    );
    expect(slots?.n).toBe(500);
    const beats = await Promise.all(ids.map((id) => post(h, '/heartbeat', { client_id: id })));
    expect(beats.every((b) => b.status === 200)).toBe(true);
  });
});

describe('a flood', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ config: { clientRateLimit: 100, adminRateLimit: 20 } });
  });
  afterAll(() => h.close());

  it('stops an address that sends too much, with 429 and Retry-After, and serves the others', async () => {
    const answers: Array<{ status: number; headers: Record<string, unknown>; body: string }> = [];
    for (let i = 0; i < 130; i += 1) answers.push(await post(h, '/heartbeat', { client_id: `nobody-${i}` }));
    expect(answers.slice(0, 100).every((a) => a.status === 404)).toBe(true);
    // Routers never read the limit's headers: answers under the limit go without them.
    expect(answers[0]?.headers['x-ratelimit-remaining']).toBeUndefined();
    const limited = answers.slice(100);
    expect(limited.every((a) => a.status === 429)).toBe(true);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited[0]?.headers['x-ratelimit-limit']).toBe('100');
    expect(JSON.parse(limited[0]?.body as string)).toMatchObject({ status: 'error', code: 'RATE_LIMITED' });
    expect(JSON.parse(limited[0]?.body as string).retry_after_sec).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await post(h, '/heartbeat', { client_id: 'nobody' }, '127.0.0.2')).status).toBe(404);
  });

  it('limits the admin API per key', async () => {
    const other = (await (await h.admin('/api-keys', json({ name: 'other', role: 'readonly' }))).json()).key;
    const statuses: number[] = [];
    // Scripts on the admin API see how much of the limit is left (20, less the key made above
    // and this request).
    const first = await fetch(`${h.url}/api/backend/v1/tenants`, { headers: { 'x-api-key': ADMIN_KEY } });
    expect(first.headers.get('x-ratelimit-remaining')).toBe('18');
    statuses.push(first.status);
    for (let i = 1; i < 25; i += 1)
      statuses.push((await fetch(`${h.url}/api/backend/v1/tenants`, { headers: { 'x-api-key': ADMIN_KEY } })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect((await fetch(`${h.url}/api/backend/v1/tenants`, { headers: { 'x-api-key': other } })).status).toBe(200);
  });

  it('refuses a body nested too deep before parsing it, and changes nothing', async () => {
    const deep = `{"client_id":"a","stats":${'{"x":'.repeat(40)}1${'}'.repeat(40)}}`;
    const res = await post(h, '/heartbeat', deep, '127.0.0.3');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_JSON' });
    expect(JSON.parse(res.body).message).toContain('nested deeper than 32');
  });
});

describe('failed authentications count against the caller', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({
      config: { clientRateLimit: DEFAULTS.clientRateLimit, adminRateLimit: DEFAULTS.adminRateLimit, authFailureLimit: 30 },
    });
  });
  afterAll(() => h.close());

  it('answers a bad-key flood with 429 after the failure budget, and keeps other addresses and keyless routers served', async () => {
    const statuses: number[] = [];
    let retryAfter = 0;
    const started = Date.now();
    // 1,500 guesses as fast as one connection at a time allows, each key different.
    for (let i = 0; i < 1500; i++) {
      const res = await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': `guess-${i}` }, from: '127.0.0.5' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = Number(res.headers['retry-after']);
    }
    // 30 failures per 10-second window (one window unless this machine took longer than that).
    const windows = 1 + Math.floor((Date.now() - started) / 10_000);
    const refused = statuses.filter((s) => s === 401).length;
    expect(refused).toBeGreaterThanOrEqual(30);
    expect(refused).toBeLessThanOrEqual(30 * windows);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1500 - refused);
    expect(retryAfter).toBeGreaterThan(0);
    // While it lasts, the guessing address's unknown keys are refused before any is looked up,
    expect(
      (await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': 'guess-one-more' }, from: '127.0.0.5' })).status,
    ).toBe(429);
    // but an operator behind the same address (a NAT) with a valid key is let through, a new key
    // too, and a revoked one is not.
    expect(
      (await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': ADMIN_KEY }, from: '127.0.0.5' })).status,
    ).toBe(200);
    const made = (await (await h.admin('/api-keys', json({ name: 'noc shift', role: 'readonly' }))).json()) as {
      id: number;
      key: string;
    };
    expect(
      (await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': made.key }, from: '127.0.0.5' })).status,
    ).toBe(200);
    expect((await h.admin(`/api-keys/${made.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(
      (await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': made.key }, from: '127.0.0.5' })).status,
    ).toBe(429);
    // a keyless router at that address is still heard, and other addresses are not held back.
    expect(
      (await call(h, 'POST', '/api/backend/v1/remsim/heartbeat', { body: { client_id: 'nobody' }, from: '127.0.0.5' })).status,
    ).toBe(404);
    expect(
      (await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': ADMIN_KEY }, from: '127.0.0.6' })).status,
    ).toBe(200);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const throttled = /ionmesh_auth_failures_total\{reason="throttled"\} (\d+)/.exec(metrics)?.[1];
    expect(Number(throttled)).toBe(1500 - refused + 2); // and the two refused above
  });

  it('counts a wrong client token on the client API the same way', async () => {
    const reg = await call(h, 'POST', '/api/backend/v1/remsim/register-client', {
      body: { client_id: 'tok-slot0' },
      from: '127.0.0.7',
    });
    expect(reg.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (
          await call(h, 'POST', '/api/backend/v1/remsim/heartbeat', {
            body: { client_id: 'tok-slot0', client_token: `bad-${i}` },
            from: '127.0.0.7',
          })
        ).status,
      );
    expect(statuses.filter((s) => s === 403)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });
});

describe('the admin limit counts refused keys too', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ config: { adminRateLimit: 50, authFailureLimit: 0 } });
  });
  afterAll(() => h.close());

  it('stops one bad key repeated past the per-key limit, although every answer was a 401', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++)
      statuses.push((await call(h, 'GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': 'not-a-key-at-all' } })).status);
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
  });
});

describe('a body far over the limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
  });
  afterAll(() => h.close());

  /** Sends 10 MiB as a client on a slow link would (in 64 KiB writes), reading whatever comes back. */
  const sendHuge = (framing: 'content-length' | 'chunked') =>
    new Promise<{ answer: string; socketError: string | null }>((resolve) => {
      const size = 10 * 1024 * 1024;
      const s = connect(h.port, '127.0.0.1');
      let answer = '';
      let socketError: string | null = null;
      s.on('data', (d) => {
        answer += d.toString();
      });
      s.on('error', (e) => {
        socketError = (e as NodeJS.ErrnoException).code ?? e.message;
      });
      s.on('close', () => resolve({ answer, socketError }));
      s.write(
        `POST /api/backend/v1/tenants HTTP/1.1\r\nHost: t\r\nx-api-key: ${ADMIN_KEY}\r\ncontent-type: application/json\r\n${
          framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${size}`
        }\r\n\r\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        if (s.destroyed) return;
        if (sent >= size) {
          if (framing === 'chunked') s.end('0\r\n\r\n');
          else s.end();
          return;
        }
        sent += chunk.length;
        const parts = framing === 'chunked' ? [`${chunk.length.toString(16)}\r\n`, chunk, '\r\n'] : [chunk];
        if (parts.map((p) => s.write(p)).every(Boolean)) setImmediate(pump);
        else s.once('drain', pump);
      };
      pump();
    });

  for (const framing of ['content-length', 'chunked'] as const)
    it(`answers a readable 413 naming the limit, never a reset (${framing})`, async () => {
      const { answer, socketError } = await sendHuge(framing);
      expect(socketError).toBeNull();
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({
        status: 'error',
        code: 'BODY_TOO_LARGE',
        message: "The body is over this route's limit of 1 MiB (1048576 bytes)",
        limit_bytes: 1048576,
      });
      expect(await (await h.admin('/tenants')).json()).toMatchObject({ total: 0 });
    });
});
