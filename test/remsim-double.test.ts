// The remsim-server double answers like the real osmo-remsim-server 1.0: it replays the
// recorded transcript (status, Content-Type, Content-Length, body) and copies the documented
// map states, the invisible map, restarts and the RSPRO stand-ins.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onPostgres } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

interface Exchange {
  title: string;
  status: string;
  contentType: string;
  contentLength: number;
  body: string;
}

/** Blocks of test/fixtures/remsim-server-transcript.txt (a copy of the design folder's). */
function transcript(): Exchange[] {
  const text = readFileSync(new URL('./fixtures/remsim-server-transcript.txt', import.meta.url), 'utf8');
  const out: Exchange[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith('### ')) continue;
    const [status, contentType, length] = (lines[i + 1] as string).trim().split(' | ');
    out.push({
      title: line.slice(4),
      status: status as string,
      contentType: (contentType ?? '').replace('Content-Type: ', '').trim(),
      contentLength: Number((length ?? '').replace('Content-Length: ', '')),
      body: (lines[i + 2] as string).replace(/^\s*body: ?/, ''),
    });
  }
  return out;
}

/** The request each transcript block names, sent with exactly the headers given. */
function requestFor(title: string): { method: string; path: string; body?: string; headers?: Record<string, string> } {
  const json = { 'Content-Type': 'application/json' };
  if (title === 'POST without Content-Type')
    return { method: 'POST', path: '/slotmaps', body: '{"bank":{"bankId":3,"slotNr":0},"client":{"clientId":3,"slotNr":0}}' };
  if (title === 'POST /slotmaps/ (trailing slash)')
    return {
      method: 'POST',
      path: '/slotmaps/',
      body: '{"bank":{"bankId":11,"slotNr":0},"client":{"clientId":11,"slotNr":0}}',
      headers: json,
    };
  if (title.startsWith('POST {')) return { method: 'POST', path: '/slotmaps', body: title.slice(5), headers: json };
  const m = /^(GET|PUT|POST|DELETE) (\S+)/.exec(title);
  if (!m) throw new Error(`no request for transcript block "${title}"`);
  return { method: m[1] as string, path: m[2] as string };
}

function send(port: number, r: ReturnType<typeof requestFor>) {
  return new Promise<{ status: string; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: r.method,
          path: `/api/backend/v1${r.path}`,
          headers: { ...r.headers, ...(r.body !== undefined ? { 'Content-Length': Buffer.byteLength(r.body) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(r.body);
    },
  );
}

const api = (d: RemsimServerDouble, path: string, init: RequestInit = {}) => fetch(`${d.url}/api/backend/v1${path}`, init);
const post = (d: RemsimServerDouble, bank: [number, number], client: [number, number]) =>
  api(d, '/slotmaps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bank: { bankId: bank[0], slotNr: bank[1] }, client: { clientId: client[0], slotNr: client[1] } }),
  });
const list = async (d: RemsimServerDouble) => ((await (await api(d, '/slotmaps')).json()) as { slotmaps: unknown[] }).slotmaps;
const until = async (check: () => boolean, ms = 2000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
};

describe.skipIf(onPostgres)('osmo-remsim-server double', () => {
  let d: RemsimServerDouble;
  beforeEach(async () => {
    d = await new RemsimServerDouble({ bankdAckMs: 10 }).start();
  });
  afterEach(() => d.close());

  it('replays the recorded transcript byte for byte', async () => {
    const blocks = transcript();
    expect(blocks.length).toBeGreaterThan(30);
    for (const block of blocks) {
      const got = await send(d.port, requestFor(block.title));
      const seen = {
        title: block.title,
        status: got.status,
        contentType: got.headers['content-type'] ?? '',
        contentLength: Number(got.headers['content-length']),
        body: got.body,
      };
      expect(seen).toEqual(block);
    }
  });

  it('walks a map through NEW, UNACKNOWLEDGED and ACTIVE as its bankd connects and leaves', async () => {
    expect((await post(d, [1, 5], [1, 5])).status).toBe(201);
    expect(d.slotmaps()[0]?.state).toBe('NEW');
    expect(d.connectBankd(1, 8)).toBe(true);
    expect(d.connectBankd(1, 8)).toBe(false); // a second connection of one identity is refused
    expect(d.slotmaps()[0]?.state).toBe('UNACKNOWLEDGED');
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    // Any answer makes it ACTIVE, even for a slot the bankd does not have.
    expect((await post(d, [1, 900], [2, 1])).status).toBe(201);
    await until(() => d.slotmaps().every((m) => m.state === 'ACTIVE'));
    expect(d.bankdFor(1, 5)).toBe('127.0.0.1:9999');
    expect(d.bankdFor(7, 7)).toBe('0.0.0.0:0');
    d.dropBankd(1);
    expect(d.slotmaps().map((m) => m.state)).toEqual(['NEW', 'NEW']);
    expect(d.bankdFor(1, 5)).toBe('0.0.0.0:0');
    const banks = (await (await api(d, '/banks')).json()) as { banks: unknown[] };
    expect(banks.banks).toEqual([]);
  });

  it('keeps an invisible map when an UNACKNOWLEDGED one is deleted, served until its bank slot is mapped again', async () => {
    d.bankdAckMs = 50;
    d.connectBankd(4, 16);
    expect((await post(d, [4, 2], [9, 9])).status).toBe(201);
    await until(() => d.slotmaps()[0]?.state === 'UNACKNOWLEDGED');
    expect((await api(d, `/slotmaps/${4 * 65536 + 2}`, { method: 'DELETE' })).status).toBe(200);
    expect(await list(d)).toEqual([]);
    // The bankd's answer still arrives: the map is active, invisible, and no DELETE or global
    // reset reaches it; the router keeps its card.
    await until(() => d.servedBy(4).length === 1);
    expect(d.ghostCount()).toBe(1);
    expect(d.servedBy(4)).toEqual([{ slotNr: 2, clientId: 9, clientSlot: 9 }]);
    expect((await api(d, `/slotmaps/${4 * 65536 + 2}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(d, '/global-reset', { method: 'POST' })).status).toBe(200);
    expect(d.servedBy(4)).toHaveLength(1);
    // It does not block a later POST of its bank slot or client slot; mapping the bank slot
    // again is what makes the bankd drop it.
    expect((await post(d, [4, 3], [9, 9])).status).toBe(201);
    expect((await post(d, [4, 2], [9, 8])).status).toBe(201);
    await until(() => d.slotmaps().every((m) => m.state === 'ACTIVE'));
    expect(d.servedBy(4)).toEqual([
      { slotNr: 2, clientId: 9, clientSlot: 8 },
      { slotNr: 3, clientId: 9, clientSlot: 9 },
    ]);
  });

  it('removes an ACTIVE map from the list at once and from the bankd when it confirms; the slot is free at once', async () => {
    d.bankdAckMs = 40;
    d.connectBankd(2, 8);
    await post(d, [2, 1], [5, 5]);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    expect(d.servedBy(2)).toEqual([{ slotNr: 1, clientId: 5, clientSlot: 5 }]);
    expect((await api(d, `/slotmaps/${2 * 65536 + 1}/`, { method: 'DELETE' })).status).toBe(200);
    expect(await list(d)).toEqual([]);
    expect(d.servedBy(2)).toHaveLength(1); // the bankd has not confirmed yet
    await until(() => d.servedBy(2).length === 0);
    expect((await post(d, [2, 1], [5, 6])).status).toBe(201);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    expect(d.servedBy(2)).toEqual([{ slotNr: 1, clientId: 5, clientSlot: 6 }]);
  });

  it('stalls a bankd when a create and a delete for it are both pending as the main thread wakes', async () => {
    d.wakeMs = 100; // the REST requests below land before the main thread wakes
    d.connectBankd(1, 8);
    await post(d, [1, 1], [7, 0]);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    // A reassign sent back to back: the old map off, the new one on.
    expect((await api(d, `/slotmaps/${65536 + 1}`, { method: 'DELETE' })).status).toBe(200);
    expect((await post(d, [1, 2], [7, 0])).status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    // The new map stays NEW while its bankd is connected; the bankd still serves the old one.
    expect(d.slotmaps()).toEqual([{ bank: { bankId: 1, slotNr: 2 }, client: { clientId: 7, slotNr: 0 }, state: 'NEW' }]);
    expect(d.servedBy(1)).toEqual([{ slotNr: 1, clientId: 7, clientSlot: 0 }]);
    expect(d.pending(1)).toEqual({ creates: 1, deletes: 1 });
    expect(d.stalls).toBeGreaterThan(0);
    // Other changes for that bankd do not unblock it.
    expect((await post(d, [1, 3], [7, 1])).status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    expect(d.slotmaps().map((m) => m.state)).toEqual(['NEW', 'NEW']);
    // The repair: delete the stuck NEW maps (safe), let the main thread push the delete, post again.
    for (const slot of [2, 3]) expect((await api(d, `/slotmaps/${65536 + slot}`, { method: 'DELETE' })).status).toBe(200);
    await until(() => d.pending(1).deletes === 0);
    expect((await post(d, [1, 2], [7, 0])).status).toBe(201);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    expect(d.servedBy(1)).toEqual([{ slotNr: 2, clientId: 7, clientSlot: 0 }]);
  });

  it('pushes a delete and a create for one bankd when the main thread wakes between them', async () => {
    d.wakeMs = 1;
    d.connectBankd(1, 8);
    await post(d, [1, 1], [7, 0]);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    await api(d, `/slotmaps/${65536 + 1}`, { method: 'DELETE' });
    await new Promise((r) => setTimeout(r, 20));
    await post(d, [1, 2], [7, 0]);
    await until(() => d.slotmaps()[0]?.state === 'ACTIVE');
    expect(d.servedBy(1)).toEqual([{ slotNr: 2, clientId: 7, clientSlot: 0 }]);
    expect(d.stalls).toBe(0);
  });

  it('keeps what a bankd serves across a server restart, until that bankd restarts', async () => {
    d.connectBankd(3, 8);
    await post(d, [3, 0], [1, 0]);
    await post(d, [3, 1], [1, 1]);
    await until(() => d.slotmaps().every((m) => m.state === 'ACTIVE'));
    await d.restart({ reconnect: true, bankdDelayMs: 50 });
    expect(d.slotmaps()).toEqual([]);
    expect(d.bankd(3)).toBeUndefined(); // not back yet
    await until(() => d.bankd(3) !== undefined);
    expect(d.servedBy(3).map((s) => s.slotNr)).toEqual([0, 1]);
    d.restartBankd(3);
    expect(d.servedBy(3)).toEqual([]);
  });

  it('reads requests as the real server does: duplicate keys, invalid UTF-8, signed and huge ids, doubled slashes', async () => {
    const raw = (body: string | Blob, path = '/slotmaps') =>
      fetch(`${d.url}/api/backend/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // A duplicate key: the last value wins.
    expect((await raw('{"bank":{"bankId":1,"slotNr":0,"slotNr":4},"client":{"clientId":2,"slotNr":0}}')).status).toBe(201);
    expect(d.slotmaps()[0]?.bank).toEqual({ bankId: 1, slotNr: 4 });
    // Invalid UTF-8 in a string: refused.
    const bad = new Blob([
      '{"x":"',
      new Uint8Array([0xc3, 0x28]),
      '","bank":{"bankId":1,"slotNr":5},"client":{"clientId":2,"slotNr":5}}',
    ]);
    const refused = await raw(bad);
    expect([refused.status, await refused.text()]).toEqual([400, '']);
    // An unpaired surrogate escape: refused as jansson does.
    expect((await raw('{"x":"\\ud800","bank":{"bankId":1,"slotNr":6},"client":{"clientId":2,"slotNr":6}}')).status).toBe(400);
    // `//slotmaps` is `/slotmaps`.
    expect((await raw('{"bank":{"bankId":1,"slotNr":7},"client":{"clientId":2,"slotNr":7}}', '//slotmaps')).status).toBe(201);
    expect(((await (await fetch(`${d.url}/api/backend/v1//slotmaps`)).json()) as { slotmaps: unknown[] }).slotmaps).toHaveLength(
      2,
    );
    // DELETE ids as strtoul reads them: a plus sign is read, 2^32 and above match nothing,
    // past unsigned long is an error.
    const del = async (id: string) => (await fetch(`${d.url}/api/backend/v1/slotmaps/${id}`, { method: 'DELETE' })).status;
    expect(await del(`+${65536 + 4}`)).toBe(200);
    expect(await del(String(2 ** 32 + 65536 + 7))).toBe(404);
    expect(await del('18446744073709551616')).toBe(400);
    expect(await del(`-${65536 + 7}`)).toBe(404);
    expect(d.slotmaps().map((m) => m.bank.slotNr)).toEqual([7]);
  });

  it('lists connected clients and bankds by peer name; /clients/0 answers the first one', async () => {
    expect(d.connectClient(3, 7, 'router-a')).toBe(true);
    expect(d.connectClient(3, 7)).toBe(false);
    d.connectClient(12, 1);
    d.connectBankd(3, 64);
    const clients = (await (await api(d, '/clients')).json()) as { clients: { peer: string; state: string }[] };
    expect(clients.clients.map((c) => [c.peer, c.state])).toEqual([
      ['C3:7', 'CONNECTED_CLIENT'],
      ['C12:1', 'CONNECTED_CLIENT'],
    ]);
    const first = (await (await api(d, '/clients/0')).json()) as { peer: string };
    expect(first.peer).toBe('C3:7');
    const banks = (await (await api(d, '/banks')).json()) as { banks: { peer: string; bankId: number; numberOfSlots: number }[] };
    expect(banks.banks.map((b) => [b.peer, b.bankId, b.numberOfSlots])).toEqual([['B3', 3, 64]]);
    d.dropClient(3, 7);
    const after = (await (await api(d, '/clients')).json()) as { clients: { peer: string }[] };
    expect(after.clients.map((c) => c.peer)).toEqual(['C12:1']);
  });

  it('loses every mapping on restart, refuses connections while down, and fails on demand', async () => {
    d.connectBankd(1, 8);
    await post(d, [1, 1], [1, 1]);
    await post(d, [1, 2], [1, 2]);
    const port = d.port;
    await d.down();
    await expect(fetch(`http://127.0.0.1:${port}/api/backend/v1/slotmaps`)).rejects.toThrow();
    await d.up();
    expect(d.port).toBe(port);
    expect(await list(d)).toHaveLength(2); // an outage is not a restart
    await d.restart();
    expect(await list(d)).toEqual([]);
    expect(d.restarts).toBe(1);
    expect((await (await api(d, '/banks')).json()) as unknown).toEqual({
      banks: [expect.objectContaining({ peer: 'B1', bankId: 1, numberOfSlots: 8 })],
    });
    d.failNext(2, 503, ['POST']);
    expect((await post(d, [1, 3], [1, 3])).status).toBe(503);
    expect((await api(d, '/slotmaps')).status).toBe(200); // GETs are not counted
    expect((await post(d, [1, 3], [1, 3])).status).toBe(503);
    expect((await post(d, [1, 3], [1, 3])).status).toBe(201);
  });

  it('refuses reals, exponents, strings and missing fields with an empty 400, and ignores extra fields', async () => {
    const raw = (body: string) =>
      api(d, '/slotmaps', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    for (const body of [
      '{"bank":{"bankId":1e2,"slotNr":0},"client":{"clientId":4,"slotNr":0}}',
      '{"bank":{"bankId":"1","slotNr":0},"client":{"clientId":4,"slotNr":0}}',
      '{"bank":{"bankId":1,"slotNr":0},"client":{"clientId":4}}',
      '{"bank":{"bankId":1,"slotNr":0},"client":{"clientId":4,"slotNr":99999999999999999999}}',
      '[]',
    ]) {
      const res = await raw(body);
      expect([res.status, await res.text()]).toEqual([400, '']);
    }
    expect(await list(d)).toEqual([]);
    expect((await raw('{"bank":{"bankId":1,"slotNr":0},"client":{"clientId":4,"slotNr":0},"id":77}')).status).toBe(201);
    expect(await list(d)).toHaveLength(1);
  });
});
