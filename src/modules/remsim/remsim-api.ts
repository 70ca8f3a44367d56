// A client of the osmo-remsim-server REST API (REMSIM-SERVER.md). Only the list endpoints are
// read (never /banks/:id or /clients/:id, which are broken); every number is checked against
// RSPRO's 0..1023 before it is sent, since the server would truncate it to 16 bits.
import { type MapTuple, mapProblem, type PresentMap, slotmapId } from '../../domain/slotmap-plan.js';

/** network: no answer (refused, reset, timed out); answer: it answered, but not as it should. */
export class RemsimUnreachable extends Error {
  constructor(
    readonly url: string,
    message: string,
    readonly kind: 'network' | 'answer' = 'answer',
  ) {
    super(message);
  }
}

/** Why a request never got an answer. A name that does not resolve will not resolve a second
 * later either: it backs off like a wrong answer (probing it every second would only load the
 * resolver), with that reason in the server's status. Any other failure is the network's. */
export function fetchFailure(url: string, request: string, err: unknown): RemsimUnreachable {
  const cause = (err as { cause?: { code?: string } }).cause?.code;
  if (cause === 'ENOTFOUND' || cause === 'EAI_NONAME')
    return new RemsimUnreachable(url, `the host name ${new URL(url).hostname} does not resolve (${cause})`, 'answer');
  return new RemsimUnreachable(url, `${request}: ${cause ?? (err as Error).message}`, 'network');
}

export interface ConnectedBank {
  bankId: number;
  numberOfSlots: number;
}

export interface ServerView {
  slotmaps: PresentMap[];
  banks: ConnectedBank[];
  /** Connected RSPRO clients as [clientId, slotNr], from peers `C<clientId>:<slotNr>`. */
  clients: Array<[number, number]>;
}

const PREFIX = '/api/backend/v1';

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

export class RemsimApi {
  private readonly base: string;

  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {
    this.base = url.replace(/\/+$/, '') + PREFIX;
  }

  private async call(method: string, path: string, body?: string) {
    try {
      return await fetch(this.base + path, {
        method,
        body,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (err) {
      throw fetchFailure(this.url, `${method} ${path}`, err);
    }
  }

  private async list(path: string, key: string): Promise<unknown[]> {
    const res = await this.call('GET', path);
    const text = await res.text();
    if (res.status !== 200) throw new RemsimUnreachable(this.url, `GET ${path} answered ${res.status}`);
    try {
      const doc = JSON.parse(text) as Record<string, unknown>;
      const items = doc[key];
      if (Array.isArray(items)) return items;
    } catch {
      // fall through
    }
    throw new RemsimUnreachable(this.url, `GET ${path} answered something that is not a ${key} list`);
  }

  async slotmaps(): Promise<PresentMap[]> {
    const out: PresentMap[] = [];
    for (const m of (await this.list('/slotmaps', 'slotmaps')) as Array<Record<string, Record<string, unknown>>>) {
      const t = {
        bankId: int(m.bank?.bankId),
        bankSlot: int(m.bank?.slotNr),
        clientId: int(m.client?.clientId),
        clientSlot: int(m.client?.slotNr),
      };
      if (t.bankId === null || t.bankSlot === null || t.clientId === null || t.clientSlot === null) continue;
      out.push({ ...(t as MapTuple), state: String((m as { state?: unknown }).state ?? '') });
    }
    return out;
  }

  async banks(): Promise<ConnectedBank[]> {
    const out: ConnectedBank[] = [];
    for (const b of (await this.list('/banks', 'banks')) as Array<Record<string, unknown>>) {
      const bankId = int(b.bankId);
      const slots = int(b.numberOfSlots);
      if (bankId !== null && slots !== null) out.push({ bankId, numberOfSlots: slots });
    }
    return out;
  }

  async clients(): Promise<Array<[number, number]>> {
    const out: Array<[number, number]> = [];
    for (const c of (await this.list('/clients', 'clients')) as Array<Record<string, unknown>>) {
      const m = /^C([0-9]{1,4}):([0-9]{1,4})$/.exec(String(c.peer ?? ''));
      if (m) out.push([Number(m[1]), Number(m[2])]);
    }
    return out;
  }

  async view(): Promise<ServerView> {
    // Read one after the other: the server is single-threaded and small.
    const banks = await this.banks();
    const clients = await this.clients();
    const slotmaps = await this.slotmaps();
    return { banks, clients, slotmaps };
  }

  /** POST /slotmaps; true on 201. A 400 (taken, or refused) is false; anything else throws. */
  async create(m: MapTuple): Promise<boolean> {
    const problem = mapProblem(m);
    if (problem) throw new RangeError(problem);
    const body = JSON.stringify({
      bank: { bankId: m.bankId, slotNr: m.bankSlot },
      client: { clientId: m.clientId, slotNr: m.clientSlot },
    });
    const res = await this.call('POST', '/slotmaps', body);
    await res.arrayBuffer();
    if (res.status === 201) return true;
    if (res.status === 400) return false;
    throw new RemsimUnreachable(this.url, `POST /slotmaps answered ${res.status}`);
  }

  /** DELETE /slotmaps/:id; true on 200, false on 404 (already gone). */
  async remove(m: MapTuple): Promise<boolean> {
    const problem = mapProblem(m);
    if (problem) throw new RangeError(problem);
    const res = await this.call('DELETE', `/slotmaps/${slotmapId(m)}`);
    await res.arrayBuffer();
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw new RemsimUnreachable(this.url, `DELETE /slotmaps/${slotmapId(m)} answered ${res.status}`);
  }
}
