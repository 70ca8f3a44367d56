// An osmo-remsim-server 1.0 emulator: its REST API on loopback, answering byte for byte as
// REMSIM-SERVER.md and remsim-server-transcript.txt describe, quirks included, plus switches
// that stand in for RSPRO (bankds and clients connecting or leaving), a restart that loses
// every mapping, and injected failures and delays. Inside, it works as the server's code does:
// a global list of maps, per-bankd queues that the main thread pushes when it wakes (with the
// server's push stall: nothing is pushed to a bankd whose create and delete queues are both
// non-empty), and what each bankd serves, which outlives a server restart. Used by the
// reconciler tests, the fleet simulator, the benchmarks and the living demo (`npm start`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SlotmapState = 'NEW' | 'UNACKNOWLEDGED' | 'ACTIVE';
type InternalState = SlotmapState | 'DELETE_REQ' | 'DELETING';

export interface Slotmap {
  bank: { bankId: number; slotNr: number };
  client: { clientId: number; slotNr: number };
  state: SlotmapState;
}

interface StoredMap {
  bank: { bankId: number; slotNr: number };
  client: { clientId: number; slotNr: number };
  state: InternalState;
  /** In the server's global list: listed by GET, checked by POST's duplicate test. A DELETE
   * takes a map off the list at once, whatever its state. */
  listed: boolean;
}

/** A bankd's RSPRO connection and the server's per-bankd lists (rspro_server.h). */
interface BankdConn {
  bankId: number;
  numberOfSlots: number;
  address: string;
  maps_new: StoredMap[];
  maps_unack: StoredMap[];
  maps_active: StoredMap[];
  maps_delreq: StoredMap[];
  maps_deleting: StoredMap[];
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
  /** How long the server's main thread takes to wake after the REST thread signals it (ms).
   * A create and a delete for one bankd that are both pending when it wakes stall that bankd. */
  wakeMs?: number;
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

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const TOKENS = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/g;

/** Reads a body as jansson does: valid UTF-8 only, a duplicate key keeps its last value, every
 * number kept as its source text. Null when jansson would refuse it. */
export function parseLikeJansson(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
    JSON.parse(text); // syntax first: the token scan below relies on it
  } catch {
    return null;
  }
  const marker = `\u0000n${Math.random().toString(36).slice(2)}:`;
  const marked = text.replace(TOKENS, (t) => (t.startsWith('"') ? t : JSON.stringify(marker + t)));
  let wellFormed = true;
  const doc = JSON.parse(marked, (_key, value) => {
    if (typeof value !== 'string') return value;
    if (value.startsWith(marker)) return new NumberToken(value.slice(marker.length));
    if (!value.isWellFormed()) wellFormed = false; // jansson refuses an unpaired \\uD800
    return value;
  });
  return wellFormed ? doc : null;
}

/** The server stores every number as uint16_t before it checks RSPRO's 0..1023. */
const to16 = (n: bigint) => Number(BigInt.asUintN(16, n));

const ULONG_MAX = 2n ** 64n - 1n;

/** strtoul(s, NULL, 10) on a path segment: leading blanks and a sign are read, no digits reads
 * as 0, a minus wraps around; a value past unsigned long is an error here (null). */
function strtoul(raw: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(raw);
  const digits = m?.[2] ?? '';
  if (digits === '') return 0n;
  const n = BigInt(digits);
  if (n > ULONG_MAX) return null;
  return m?.[1] === '-' ? BigInt.asUintN(64, -n) : n;
}

const mapId = (bankId: number, slotNr: number) => BigInt(bankId * 65536 + slotNr);

const remove = <T>(list: T[], item: T) => {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
};

export class RemsimServerDouble {
  private server: Server | null = null;
  /** The server's global list and the maps it still tracks off that list, in insertion order. */
  private maps: StoredMap[] = [];
  private bankds = new Map<number, BankdConn>();
  /** What each bankd serves, by bank slot: it keeps this across server restarts and reconnects. */
  private served = new Map<number, Map<number, { clientId: number; slotNr: number }>>();
  private clients = new Map<string, { clientId: number; slotNr: number; name: string }>();
  private timers = new Set<NodeJS.Timeout>();
  private wakePending = false;
  private failures: { count: number; status: number; methods: string[] | null } = { count: 0, status: 500, methods: null };
  private delayMs = 0;
  private inFlightMutations = 0;
  private host: string;
  private wantedPort: number;
  bankdAckMs: number;
  wakeMs: number;
  /** Every request answered, oldest first (bounded). */
  readonly log: RecordedRequest[] = [];
  private createdListeners: Array<(m: Slotmap) => void> = [];
  private requestListeners: Array<(method: string, path: string) => void> = [];
  /** The largest number of POST/DELETE requests ever in progress at once. */
  maxConcurrentMutations = 0;
  restarts = 0;
  /** Wakes of the main thread that found a bankd with both a create and a delete pending. */
  stalls = 0;

  constructor(options: RemsimServerDoubleOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.wantedPort = options.port ?? 0;
    this.bankdAckMs = options.bankdAckMs ?? 20;
    this.wakeMs = options.wakeMs ?? 1;
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

  /** A restart of the process: every mapping is lost (invisible ones too), every RSPRO
   * connection drops. The bankds keep serving what they served: the restarted server never
   * resets them. With `reconnect` the bankds and clients come back, after `bankdDelayMs` (the
   * real bankd retries after about 9 s). */
  async restart(options: { reconnect?: boolean; bankdDelayMs?: number } = {}) {
    await this.down();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.wakePending = false;
    this.maps = [];
    const bankds = [...this.bankds.values()];
    const clients = [...this.clients.values()];
    this.bankds.clear();
    this.clients.clear();
    this.restarts++;
    await this.up();
    if (options.reconnect ?? true) {
      const reconnect = () => {
        for (const b of bankds) this.connectBankd(b.bankId, b.numberOfSlots, b.address);
        for (const c of clients) this.connectClient(c.clientId, c.slotNr, c.name);
      };
      if (options.bankdDelayMs) this.later(options.bankdDelayMs, reconnect);
      else reconnect();
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

  /** A bankd connects: every map of its bank is linked to it as NEW and pushed at once (this
   * push does not go through the main thread's wake, so it never stalls). False when that bank
   * is already connected (the second connection is refused). */
  connectBankd(bankId: number, numberOfSlots: number, address = '127.0.0.1') {
    if (this.bankds.has(bankId)) return false;
    const conn: BankdConn = {
      bankId,
      numberOfSlots,
      address,
      maps_new: [],
      maps_unack: [],
      maps_active: [],
      maps_delreq: [],
      maps_deleting: [],
    };
    this.bankds.set(bankId, conn);
    for (const m of this.maps)
      if (m.listed && m.bank.bankId === bankId) {
        m.state = 'NEW';
        conn.maps_new.push(m);
      }
    this.push(conn);
    return true;
  }

  /** The connected bankd of this bank, if any. */
  bankd(bankId: number): BankdConnection | undefined {
    const b = this.bankds.get(bankId);
    return b ? { bankId: b.bankId, numberOfSlots: b.numberOfSlots, address: b.address } : undefined;
  }

  /** A bankd's connection drops: its maps go back to NEW; removals not yet confirmed are final
   * (and maps off the list, such as invisible ones, are forgotten). What the bankd serves stays. */
  dropBankd(bankId: number) {
    const conn = this.bankds.get(bankId);
    if (!conn) return false;
    this.bankds.delete(bankId);
    for (const m of [...conn.maps_new, ...conn.maps_unack, ...conn.maps_active]) m.state = 'NEW';
    const gone = new Set([...conn.maps_delreq, ...conn.maps_deleting]);
    this.maps = this.maps.filter((m) => m.listed && !gone.has(m));
    return true;
  }

  /** The bankd process restarts: it forgets what it served and reconnects. */
  restartBankd(bankId: number) {
    const conn = this.bankds.get(bankId);
    this.served.delete(bankId);
    if (!conn) return false;
    this.dropBankd(bankId);
    return this.connectBankd(bankId, conn.numberOfSlots, conn.address);
  }

  /** What the bankd of this bank serves: bank slot → client slot (what the router gets). */
  servedBy(bankId: number) {
    return [...(this.served.get(bankId) ?? new Map()).entries()]
      .map(([slotNr, client]) => ({ slotNr, clientId: client.clientId, clientSlot: client.slotNr }))
      .sort((a, b) => a.slotNr - b.slotNr);
  }

  /** Maps waiting at the server for the main thread to push them to this bankd. */
  pending(bankId: number) {
    const conn = this.bankds.get(bankId);
    return { creates: conn?.maps_new.length ?? 0, deletes: conn?.maps_delreq.length ?? 0 };
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
    const m = this.maps.find((x) => x.listed && x.client.clientId === clientId && x.client.slotNr === slotNr);
    const bankd = m ? this.bankds.get(m.bank.bankId) : undefined;
    return bankd ? `${bankd.address}:9999` : '0.0.0.0:0';
  }

  /** Calls fn before each request is answered (tests change RSPRO presence mid-pass with it). */
  onRequest(fn: (method: string, path: string) => void) {
    this.requestListeners.push(fn);
  }

  /** Calls fn with every map a POST creates (benchmarks time mappings with it). */
  onCreated(fn: (m: Slotmap) => void) {
    this.createdListeners.push(fn);
  }

  /** The maps GET /slotmaps lists, in order. */
  slotmaps(): Slotmap[] {
    return this.maps
      .filter((m) => m.listed)
      .map(({ bank, client, state }) => ({ bank: { ...bank }, client: { ...client }, state: state as SlotmapState }));
  }

  /** Maps the server keeps but never lists (deleted while UNACKNOWLEDGED). */
  ghostCount() {
    return this.maps.filter((m) => !m.listed && (m.state === 'UNACKNOWLEDGED' || m.state === 'ACTIVE')).length;
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

  /** The REST thread writes the eventfd; writes before the main thread wakes make one wake. */
  private signal() {
    if (this.wakePending) return;
    this.wakePending = true;
    this.later(this.wakeMs, () => {
      this.wakePending = false;
      this.wake();
    });
  }

  /** event_fd_cb: it pushes to a bankd only when one of its two lists is empty (the server's
   * bug: with a create and a delete both pending, nothing is pushed to that bankd again until
   * one of them is emptied by other means). */
  private wake() {
    for (const conn of this.bankds.values()) {
      if (conn.maps_new.length === 0 || conn.maps_delreq.length === 0) this.push(conn);
      else this.stalls++;
    }
  }

  /** CLNTC_E_PUSH: every pending create, then every pending delete, goes to the bankd. */
  private push(conn: BankdConn) {
    for (const m of conn.maps_new.splice(0)) {
      m.state = 'UNACKNOWLEDGED';
      conn.maps_unack.push(m);
      this.later(this.bankdAckMs, () => {
        if (this.bankds.get(conn.bankId) !== conn) return;
        // The bankd takes the map (replacing what it served on that slot) or refuses a slot it
        // does not have; any answer makes the first unacknowledged map ACTIVE.
        if (m.bank.slotNr < conn.numberOfSlots) this.servedMap(conn.bankId).set(m.bank.slotNr, { ...m.client });
        const first = conn.maps_unack.shift();
        if (first) {
          first.state = 'ACTIVE';
          conn.maps_active.push(first);
        }
      });
    }
    for (const m of conn.maps_delreq.splice(0)) {
      m.state = 'DELETING';
      conn.maps_deleting.push(m);
      this.later(this.bankdAckMs, () => {
        if (this.bankds.get(conn.bankId) !== conn) return;
        const served = this.servedMap(conn.bankId);
        const now = served.get(m.bank.slotNr);
        if (now && now.clientId === m.client.clientId && now.slotNr === m.client.slotNr) served.delete(m.bank.slotNr);
        const first = conn.maps_deleting.shift();
        if (first) this.maps = this.maps.filter((x) => x !== first);
      });
    }
  }

  private servedMap(bankId: number) {
    let s = this.served.get(bankId);
    if (!s) {
      s = new Map();
      this.served.set(bankId, s);
    }
    return s;
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
      for (const fn of this.requestListeners) fn(req.method ?? '', req.url ?? '');
      this.route(req, res, Buffer.concat(chunks));
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

  private route(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    // ulfius matches path segments and skips empty ones: `//slotmaps` and `/slotmaps/` are
    // `/slotmaps`.
    const raw = `/${((req.url ?? '/').split('?')[0] as string).split('/').filter(Boolean).join('/')}`;
    if (!raw.startsWith(`${PREFIX}/`)) return this.notFound(req, res);
    const parts = raw.slice(PREFIX.length + 1).split('/');
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
      const n = strtoul(id);
      if (n === null || n > 0xffffn) return this.empty(req, res, 400);
      const bank = this.bankList().find((b) => BigInt(b.bankId) === n);
      return bank ? this.json(req, res, bank) : this.empty(req, res, 200);
    }
    if (resource === 'clients' && method === 'GET') {
      if (id === undefined) return this.json(req, res, { clients: this.clientList() });
      const n = strtoul(id);
      if (n === null || n > 0xffffn) return this.empty(req, res, 400);
      // /clients/0 answers the first connected client whatever its id.
      const list = this.clientList();
      const client = n === 0n ? list[0] : list.find((c) => c.peer.startsWith(`C${n}:`));
      return client ? this.json(req, res, client) : this.empty(req, res, 200);
    }
    if (resource === 'restart-counter' && id === undefined && method === 'GET') return this.empty(req, res, 200);
    if (resource === 'global-reset' && id === undefined && method === 'POST') {
      for (const m of this.maps) if (m.listed) this.markDeleted(m);
      this.signal();
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

  private create(req: IncomingMessage, body: Buffer): number {
    if (!(req.headers['content-type'] ?? '').includes('application/json')) return 400;
    const doc = parseLikeJansson(body);
    const part = (o: unknown, key: string) =>
      o && typeof o === 'object' && !Array.isArray(o) && !(o instanceof NumberToken)
        ? (o as Record<string, unknown>)[key]
        : undefined;
    const bank = part(doc, 'bank');
    const client = part(doc, 'client');
    const raw = [part(bank, 'bankId'), part(bank, 'slotNr'), part(client, 'clientId'), part(client, 'slotNr')].map(integerToken);
    if (raw.some((n) => n === null)) return 400;
    const [bankId, bankSlot, clientId, clientSlot] = raw.map((n) => to16(n as bigint)) as [number, number, number, number];
    if ([bankId, bankSlot, clientId, clientSlot].some((n) => n > 1023)) return 400;
    // Only the global list is checked: a map deleted a moment ago (still being removed at the
    // bankd, or invisible) does not block its bank slot or its client slot.
    const taken = this.maps.some(
      (m) =>
        m.listed &&
        ((m.bank.bankId === bankId && m.bank.slotNr === bankSlot) ||
          (m.client.clientId === clientId && m.client.slotNr === clientSlot)),
    );
    if (taken) return 400;
    const map: StoredMap = {
      bank: { bankId, slotNr: bankSlot },
      client: { clientId, slotNr: clientSlot },
      state: 'NEW',
      listed: true,
    };
    this.maps.push(map);
    const conn = this.bankds.get(bankId);
    if (conn) {
      conn.maps_new.push(map);
      this.signal();
    }
    for (const fn of this.createdListeners) fn({ bank: { ...map.bank }, client: { ...map.client }, state: 'NEW' });
    return 201;
  }

  private remove(rawId: string): number {
    const id = strtoul(rawId);
    if (id === null) return 400;
    const m = this.maps.find((x) => x.listed && mapId(x.bank.bankId, x.bank.slotNr) === id);
    if (m) this.markDeleted(m);
    // The REST thread wakes the main thread after every DELETE, found or not.
    this.signal();
    return m ? 200 : 404;
  }

  /** _slotmap_mark_deleted: off the global list at once; then by state. */
  private markDeleted(m: StoredMap) {
    m.listed = false;
    const conn = this.bankds.get(m.bank.bankId);
    if (m.state === 'NEW') {
      if (conn) remove(conn.maps_new, m);
      this.maps = this.maps.filter((x) => x !== m);
    } else if (m.state === 'ACTIVE' && conn) {
      // Never listed again; the bankd is told on the next push.
      remove(conn.maps_active, m);
      m.state = 'DELETE_REQ';
      conn.maps_delreq.push(m);
    }
    // UNACKNOWLEDGED: left as it is (a FIXME in the server): the bankd's answer makes it an
    // invisible ACTIVE map that the bankd keeps serving.
  }
}
