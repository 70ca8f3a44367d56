// Slow and dropped connections: a body trickled a byte a second is cut off by the request
// timeout; PostgreSQL connections killed under load give 503 DATABASE_UNAVAILABLE with
// Retry-After (never a 500), and the pool recovers by itself.
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, onPostgres, startIonMesh } from './support/harness.js';

const heartbeat = (h: Harness, clientId: string) =>
  fetch(`${h.url}/api/backend/v1/remsim/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, stats: { rssi: -70 } }),
  });

describe('a request body trickled a byte a second', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ config: { requestTimeoutSec: 2 } });
  });
  afterAll(() => h.close());

  it('is cut off with 408 once the request timeout has passed, and the server goes on serving', async () => {
    const socket = connect(h.port, '127.0.0.1');
    let answer = '';
    let closedAt = 0;
    socket.on('data', (d) => (answer += d));
    const closed = new Promise<void>((resolve) =>
      socket.on('close', () => {
        closedAt = Date.now();
        resolve();
      }),
    );
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const started = Date.now();
    socket.write(
      'POST /api/backend/v1/remsim/heartbeat HTTP/1.1\r\nHost: ionmesh\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
    );
    // At most 12 bytes, one a second; the server must not wait for all 200.
    for (let i = 0; i < 12 && !closedAt; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!socket.destroyed) socket.write(' ');
    }
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
    socket.destroy();
    expect(closedAt).toBeGreaterThan(0);
    expect(closedAt - started).toBeLessThan(6000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

describe.runIf(onPostgres)('PostgreSQL connections killed under load', () => {
  let h: Harness;
  const ids = Array.from({ length: 40 }, (_, i) => `dropped-${i}-slot0`);
  beforeAll(async () => {
    h = await startIonMesh({ poolSize: 8 });
    for (const id of ids)
      expect(
        (
          await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ client_id: id }),
          })
        ).status,
      ).toBe(200);
  });
  afterAll(() => h.close());

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while they die, never 500, and recovers', async () => {
    const killer = new pg.Client({ connectionString: h.databaseUrl as string });
    await killer.connect();
    const answers: Array<{ status: number; code?: string; retryAfter: string | null }> = [];
    let killed = 0;
    let loading = true;
    const load = async () => {
      for (let round = 0; loading && round < 400; round++) {
        await Promise.all(
          ids.slice(0, 20).map(async (id) => {
            const res = await heartbeat(h, id);
            const body = (await res.json()) as { code?: string };
            answers.push({ status: res.status, code: body.code, retryAfter: res.headers.get('retry-after') });
          }),
        );
      }
    };
    const running = load();
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { rows } = await killer.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      killed += rows[0].n;
    }
    loading = false;
    await running;
    await killer.end();
    expect(killed).toBeGreaterThan(0);
    const wrong = answers.filter(
      (a) => a.status !== 200 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter),
    );
    expect(wrong).toEqual([]);
    // The pool replaced what was killed: every client is heard again.
    for (const id of ids) expect((await heartbeat(h, id)).status).toBe(200);
  });
});
