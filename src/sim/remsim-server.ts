// An osmo-remsim-server 1.0 emulator: its REST API on loopback, answering byte for byte as
// REMSIM-SERVER.md and remsim-server-transcript.txt describe, quirks included, plus switches
// that stand in for RSPRO (bankds and clients connecting or leaving), a restart that loses
// every mapping, and injected failures and delays. Used by the reconciler tests, the fleet
// simulator, the benchmarks and the living demo (`npm start`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseLossless } from 'lossless-json';

export type SlotmapState = 'NEW' | 'UNACKNOWLEDGED' | 'ACTIVE';

export interface Slotmap {
  bank: { bankId: number; slotNr: number };
  client: { clientId: number; slotNr: number };
  state: SlotmapState;
}

interface StoredMap extends Slotmap {
  /** visible: listed by GET. deleting: left GET, the bankd has not confirmed. ghost: deleted
   * while UNACKNOWLEDGED: never listed, never removable, still blocks its bank and client slot. */
  life: 'visible' | 'deleting' | 'ghost';
}

export interface BankdConnection {
  bankId: number;
  numberOfSlots: number;
  address: string;
}

export interface RemsimServerDoubleOptions {
  host?: string;
  port?: number;
  /** How long a connected bankd takes to answer a create or remove request (ms). */
  bankdAckMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

const PREFIX = '/api/backend/v1';
const MAX_LOG = 20_000;

/** A JSON number as its source text, so that `4` and `4.0` stay apart. */
class NumberToken {
  constructor(readonly text: string) {}
}

/** jansson's integer rule: a JSON integer token that fits a long long; reals and strings fail. */
function integerToken(v: unknown): bigint | null {
  if (!(v instanceof NumberToken) || !/^-?(0|[1-9][0-9]*)$/.test(v.text)) return null;
  const n = BigInt(v.text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
  return n;
}

/** The server stores every number as uint16_t before it checks RSPRO's 0..1023. */
const to16 = (n: bigint) => Number(BigInt.asUintN(16, n));

/** strtoul-like reading of a path id: no digits reads as 0; too large is an error (null). */
function pathId(raw: string): number | null {
  const m = /^[0-9]*/.exec(raw)?.[0] ?? '';
  if (m === '') return 0;
  const n = BigInt(m);
  return n > 0xffffffffn ? null : Number(n);
}

const mapId = (bankId: number, slotNr: number) => bankId * 65536 + slotNr;

export class RemsimServerDouble {
  private server: Server | null = null;
  private maps: StoredMap[] = [];
  private bankds = new Map<number, BankdConnection>();
  private clients = new Map<string, { clientId: number; slotNr: number; name: string }>();
  private timers = new Set<NodeJS.Timeout>();
  private failures: { count: number; status: number; methods: string[] | null } = { count: 0, status: 500, methods: null };
  private delayMs = 0;
  private inFlightMutations = 0;
  private host: string;
  private wantedPort: number;
  bankdAckMs: number;
  /** Every request answered, oldest first (bounded). */
  readonly log: RecordedRequest[] = [];
  private createdListeners: Array<(m: Slotmap) => void> = [];
  /** The largest number of POST/DELETE requests ever in progress at once. */
  maxConcurrentMutations = 0;
  restarts = 0;

  constructor(options: RemsimServerDoubleOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.wantedPort = options.port ?? 0;
    this.bankdAckMs = options.bankdAckMs ?? 20;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.wantedPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.wantedPort = (server.address() as AddressInfo).port;
    return this;
  }

  get port() {
    return this.wantedPort;
  }

  /** The REST base URL IonMesh is configured with. */
  get url() {
    return `http://${this.host}:${this.wantedPort}`;
  }

  get running() {
    return this.server !== null;
  }

  /** Stops answering (connection refused) but keeps the mappings: a network outage. */
  async down() {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers again on the same port. */
  async up() {
    if (!this.server) await this.start();
  }

  /** A restart of the process: every mapping is lost (ghosts too), every RSPRO connection
   * drops; with `reconnect` the bankds and clients come back at once, as they do in a few s. */
  async restart(options: { reconnect?: boolean } = {}) {
    await this.down();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.maps = [];
    const bankds = [...this.bankds.values()];
    const clients = [...this.clients.values()];
    this.bankds.clear();
    this.clients.clear();
    this.restarts++;
    await this.up();
    if (options.reconnect ?? true) {
      for (const b of bankds) this.connectBankd(b.bankId, b.numberOfSlots, b.address);
      for (const c of clients) this.connectClient(c.clientId, c.slotNr, c.name);
    }
  }

  async close() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.down();
  }

  /** The next `count` requests (optionally only of these methods) answer `status`, empty. */
  failNext(count: number, status = 500, methods?: string[]) {
    this.failures = { count, status, methods: methods ?? null };
  }

  /** Every answer waits this long first. */
  delay(ms: number) {
    this.delayMs = ms;
  }

  // --- RSPRO stand-ins -------------------------------------------------------------------

  /** A bankd connects; its NEW maps are sent to it. False when that bank is already connected. */
  connectBankd(bankId: number, numberOfSlots: number, address = '127.0.0.1') {
    if (this.bankds.has(bankId)) return false;
    this.bankds.set(bankId, { bankId, numberOfSlots, address });
    for (const m of this.maps) if (m.bank.bankId === bankId && m.life === 'visible' && m.state === 'NEW') this.sendToBankd(m);
    return true;
  }

  /** The connected bankd of this bank, if any. */
  bankd(bankId: number): BankdConnection | undefined {
    const b = this.bankds.get(bankId);
    return b ? { ...b } : undefined;
  }

  /** A bankd leaves: its maps go back to NEW; removals it had not confirmed are final. */
  dropBankd(bankId: number) {
    if (!this.bankds.delete(bankId)) return false;
    this.maps = this.maps.filter((m) => !(m.bank.bankId === bankId && m.life === 'deleting'));
    for (const m of this.maps) if (m.bank.bankId === bankId && m.life === 'visible') m.state = 'NEW';
    return true;
  }

  /** A client connects as C<clientId>:<slotNr>; a second connection of one identity is refused. */
  connectClient(clientId: number, slotNr: number, name = `client-${clientId}-${slotNr}`) {
    const key = `${clientId}:${slotNr}`;
    if (this.clients.has(key)) return false;
    this.clients.set(key, { clientId, slotNr, name });
    return true;
  }

  dropClient(clientId: number, slotNr: number) {
    return this.clients.delete(`${clientId}:${slotNr}`);
  }

  /** What the server tells a client: its bankd's address with port 9999, or 0.0.0.0:0. */
  bankdFor(clientId: number, slotNr: number) {
    const m = this.maps.find((x) => x.life === 'visible' && x.client.clientId === clientId && x.client.slotNr === slotNr);
    const bankd = m ? this.bankds.get(m.bank.bankId) : undefined;
    return bankd ? `${bankd.address}:9999` : '0.0.0.0:0';
  }

  /** Calls fn with every map a POST creates (benchmarks time mappings with it). */
  onCreated(fn: (m: Slotmap) => void) {
    this.createdListeners.push(fn);
  }

  /** The maps GET /slotmaps lists, in order. */
  slotmaps(): Slotmap[] {
    return this.maps
      .filter((m) => m.life === 'visible')
      .map(({ bank, client, state }) => ({ bank: { ...bank }, client: { ...client }, state }));
  }

  /** Maps the server keeps but never lists (deleted while UNACKNOWLEDGED). */
  ghostCount() {
    return this.maps.filter((m) => m.life === 'ghost').length;
  }

  connectedClients() {
    return [...this.clients.values()].map((c) => ({ clientId: c.clientId, slotNr: c.slotNr }));
  }

  requests(method?: string) {
    return method ? this.log.filter((r) => r.method === method) : this.log;
  }

  // --- internals -------------------------------------------------------------------------

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private sendToBankd(m: StoredMap) {
    m.state = 'UNACKNOWLEDGED';
    const bankId = m.bank.bankId;
    this.later(this.bankdAckMs, () => {
      // Any answer of the bankd makes the map ACTIVE, even for a slot it does not have.
      if (this.bankds.has(bankId) && this.maps.includes(m) && m.state === 'UNACKNOWLEDGED') m.state = 'ACTIVE';
    });
  }

  private record(req: IncomingMessage, status: number) {
    this.log.push({ method: req.method ?? '', path: req.url ?? '', status, at: Date.now() });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const mutation = req.method === 'POST' || req.method === 'DELETE';
    if (mutation) {
      this.inFlightMutations++;
      this.maxConcurrentMutations = Math.max(this.maxConcurrentMutations, this.inFlightMutations);
    }
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const f = this.failures;
      if (f.count > 0 && (f.methods === null || f.methods.includes(req.method ?? ''))) {
        f.count--;
        return this.empty(req, res, f.status);
      }
      this.route(req, res, Buffer.concat(chunks).toString('utf8'));
    } finally {
      if (mutation) this.inFlightMutations--;
    }
  }

  private empty(req: IncomingMessage, res: ServerResponse, status: number) {
    this.record(req, status);
    res.writeHead(status, { 'Content-Length': '0' });
    res.end();
  }

  private json(req: IncomingMessage, res: ServerResponse, value: unknown) {
    const body = JSON.stringify(value);
    this.record(req, 200);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  private notFound(req: IncomingMessage, res: ServerResponse) {
    this.record(req, 404);
    res.writeHead(404, { 'Content-Length': '18' });
    res.end('Resource not found');
  }

  private route(req: IncomingMessage, res: ServerResponse, body: string) {
    const raw = (req.url ?? '/').split('?')[0] as string;
    if (!raw.startsWith(`${PREFIX}/`)) return this.notFound(req, res);
    const parts = raw.slice(PREFIX.length + 1).split('/');
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // trailing slash
    const [resource, id, ...more] = parts;
    if (more.length > 0) return this.notFound(req, res);
    const method = req.method ?? 'GET';

    if (resource === 'slotmaps' && id === undefined) {
      if (method === 'GET') return this.json(req, res, { slotmaps: this.slotmaps() });
      if (method === 'POST') return this.empty(req, res, this.create(req, body));
      return this.notFound(req, res);
    }
    if (resource === 'slotmaps' && method === 'DELETE') return this.empty(req, res, this.remove(id as string));
    if (resource === 'banks' && method === 'GET') {
      if (id === undefined) return this.json(req, res, { banks: this.bankList() });
      const n = pathId(id);
      if (n === null || n > 0xffff) return this.empty(req, res, 400);
      const bank = this.bankList().find((b) => b.bankId === n);
      return bank ? this.json(req, res, bank) : this.empty(req, res, 200);
    }
    if (resource === 'clients' && method === 'GET') {
      if (id === undefined) return this.json(req, res, { clients: this.clientList() });
      const n = pathId(id);
      if (n === null || n > 0xffff) return this.empty(req, res, 400);
      // /clients/0 answers the first connected client whatever its id.
      const list = this.clientList();
      const client = n === 0 ? list[0] : list.find((c) => c.peer.startsWith(`C${n}:`));
      return client ? this.json(req, res, client) : this.empty(req, res, 200);
    }
    if (resource === 'restart-counter' && id === undefined && method === 'GET') return this.empty(req, res, 200);
    if (resource === 'global-reset' && id === undefined && method === 'POST') {
      for (const m of this.maps) if (m.life === 'visible') this.forget(m);
      return this.empty(req, res, 200);
    }
    return this.notFound(req, res);
  }

  private bankList() {
    return [...this.bankds.values()].map((b) => ({
      peer: `B${b.bankId}`,
      state: 'CONNECTED_BANKD',
      component_id: { type_: 'remsimBankd', name: `fake-bankd-${b.bankId}`, software: 'remsim-bankd', swVersion: '1.0.0' },
      bankId: b.bankId,
      numberOfSlots: b.numberOfSlots,
    }));
  }

  private clientList() {
    return [...this.clients.values()].map((c) => ({
      peer: `C${c.clientId}:${c.slotNr}`,
      state: 'CONNECTED_CLIENT',
      component_id: { type_: 'remsimClient', name: c.name, software: 'remsim-client', swVersion: '1.0.0' },
    }));
  }

  private create(req: IncomingMessage, body: string): number {
    if (!(req.headers['content-type'] ?? '').includes('application/json')) return 400;
    let doc: unknown;
    try {
      doc = parseLossless(body, null, (text: string) => new NumberToken(text));
    } catch {
      return 400;
    }
    const part = (o: unknown, key: string) =>
      o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[key] : undefined;
    const bank = part(doc, 'bank');
    const client = part(doc, 'client');
    const raw = [part(bank, 'bankId'), part(bank, 'slotNr'), part(client, 'clientId'), part(client, 'slotNr')].map(integerToken);
    if (raw.some((n) => n === null)) return 400;
    const [bankId, bankSlot, clientId, clientSlot] = raw.map((n) => to16(n as bigint)) as [number, number, number, number];
    if ([bankId, bankSlot, clientId, clientSlot].some((n) => n > 1023)) return 400;
    const taken = this.maps.some(
      (m) =>
        (m.bank.bankId === bankId && m.bank.slotNr === bankSlot) ||
        (m.client.clientId === clientId && m.client.slotNr === clientSlot),
    );
    if (taken) return 400;
    const map: StoredMap = {
      bank: { bankId, slotNr: bankSlot },
      client: { clientId, slotNr: clientSlot },
      state: 'NEW',
      life: 'visible',
    };
    this.maps.push(map);
    if (this.bankds.has(bankId)) this.sendToBankd(map);
    for (const fn of this.createdListeners) fn({ bank: { ...map.bank }, client: { ...map.client }, state: map.state });
    return 201;
  }

  private remove(rawId: string): number {
    const id = pathId(rawId);
    if (id === null) return 400;
    const m = this.maps.find((x) => x.life === 'visible' && mapId(x.bank.bankId, x.bank.slotNr) === id);
    if (!m) return 404;
    this.forget(m);
    return 200;
  }

  /** A map leaves GET at once; what happens next depends on its state (REMSIM-SERVER.md). */
  private forget(m: StoredMap) {
    if (m.state === 'UNACKNOWLEDGED') {
      m.life = 'ghost';
      // The bankd's answer to the create still arrives and makes it an invisible active map.
      this.later(this.bankdAckMs, () => {
        m.state = 'ACTIVE';
      });
      return;
    }
    if (m.state === 'ACTIVE' && this.bankds.has(m.bank.bankId)) {
      m.life = 'deleting';
      this.later(this.bankdAckMs, () => {
        this.maps = this.maps.filter((x) => x !== m);
      });
      return;
    }
    this.maps = this.maps.filter((x) => x !== m);
  }
}
