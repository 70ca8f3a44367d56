// The fleet simulator: N emulated routers against an IonMesh URL (`ionmesh simulate`, the living
// demo, tests and benchmarks). Two kinds of agent:
// - deployed: the real OpenWRT client byte for byte (openwrt-client.ts): the four-key register
//   body over a raw socket, success read as the client reads it, no heartbeats, no unregister,
//   registers again when it reboots;
// - rich: registers with hardware info and heartbeats with stats from an emulated modem.
// With a remsim-server double, each accepted router also connects over "RSPRO" as the identity
// of its register answer, as the real client does, so liveness from the server is exercised.
import { build as buildHistogram, type Histogram } from 'hdr-histogram-js';
import pLimit from 'p-limit';
import { imeiFor, MODEMS, Radio, rng } from './modems.js';
import { DeployedClient } from './openwrt-client.js';
import type { RemsimServerDouble } from './remsim-server.js';

export const SCENARIOS = [
  'steady',
  'reboot-storm',
  'dark',
  'flapping',
  'degradation',
  'bank-offline',
  'heavy-user',
  'failing-card',
  'modem-swap',
  'living',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_HELP: Record<Scenario, string> = {
  steady: 'register everyone, then heartbeat steadily',
  'reboot-storm': 'at 1/3 of the run every router reboots at once and registers again',
  dark: 'at 1/3 of the run a fifth of the routers go dark for good (no heartbeat, RSPRO dropped)',
  flapping: 'a tenth of the routers go dark and come back every few seconds',
  degradation: 'a fifth of the rich routers lose signal slowly until they report degraded',
  'bank-offline': "at 1/3 of the run the busiest bank's bankd leaves; routers on it report errors; it returns at 2/3",
  'heavy-user': 'a tenth of the rich routers move twenty times the usual data (usage thresholds, plans, costs)',
  'failing-card':
    'a tenth of the rich routers report health errors every other heartbeat and half their TPDUs in error (auto-lock)',
  'modem-swap': 'at 1/3 of the run a fifth of the rich routers get another modem: a new IMEI (IMEI bindings)',
  living: 'a calm fleet with a reboot, a flap or a fading signal now and then (the demo)',
};

export interface FleetOptions {
  /** IonMesh base URL, e.g. http://127.0.0.1:5000 */
  url: string;
  count: number;
  /** Share of deployed clients, 0..1 (the rest are rich agents). */
  deployedShare?: number;
  tenantId?: number;
  mappingMode?: string;
  /** Carriers to ask for, spread over the fleet ('' = any). */
  mccMnc?: string[];
  /** Registrations started per second. */
  rate?: number;
  heartbeatIntervalSec?: number;
  scenario?: Scenario;
  /** Seconds the run lasts after it starts (run()); the living demo runs until stop(). */
  durationSec?: number;
  prefix?: string;
  /** Requests in flight at most. */
  concurrency?: number;
  remsim?: RemsimServerDouble;
  seed?: number;
  /** The living demo's clock: 1 is real time (a reboot every 15 s, an outage every 40 s lasting
   * 2 to 6 minutes); a test runs it faster. */
  livingPace?: number;
  onProgress?: (s: FleetProgress) => void;
  progressEveryMs?: number;
}

export interface FleetProgress {
  elapsed_s: number;
  routers: number;
  registered: number;
  failed: number;
  heartbeats: number;
  heartbeat_failures: number;
  dark: number;
}

export interface Percentiles {
  count: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface FleetSummary {
  scenario: Scenario;
  routers: number;
  deployed: number;
  rich: number;
  duration_s: number;
  registrations: { attempted: number; succeeded: number; per_s: number; latency: Percentiles };
  failures: Record<string, number>;
  heartbeats: { sent: number; failed: number; per_s: number; latency: Percentiles };
  rspro_connected: number;
  events: string[];
}

interface Router {
  index: number;
  clientId: string;
  kind: 'deployed' | 'rich';
  mccMnc: string;
  radio: Radio | null;
  imei: string;
  bootedAt: number;
  identity: { bankId: number; slotId: number } | null;
  simBank: number | null;
  registered: boolean;
  dark: boolean;
  /** When it went dark (ms), while it is. */
  darkSince: number | null;
  /** A status forced by the scenario (bank offline): 'error'. */
  forced: string | null;
  /** A failing card: health alternates between error and active, beat by beat. */
  failing: boolean;
  beats: number;
  timer: NodeJS.Timeout | null;
}

const histogram = () =>
  buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

const percentiles = (h: Histogram): Percentiles => ({
  count: h.totalCount,
  p50_ms: h.totalCount ? h.getValueAtPercentile(50) / 1000 : 0,
  p95_ms: h.totalCount ? h.getValueAtPercentile(95) / 1000 : 0,
  p99_ms: h.totalCount ? h.getValueAtPercentile(99) / 1000 : 0,
  max_ms: h.totalCount ? h.maxValue / 1000 : 0,
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** In the living demo, how long a router that went dark stays so: 2 to 6 minutes. */
export const LIVING_DARK_MIN_SEC = 120;
export const LIVING_DARK_SPREAD_SEC = 240;

export class Fleet {
  readonly routers: Router[];
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly random: () => number;
  private readonly base: URL;
  private readonly o: Required<Omit<FleetOptions, 'remsim' | 'onProgress' | 'mccMnc'>> & FleetOptions;
  private regLatency = histogram();
  private hbLatency = histogram();
  private failures: Record<string, number> = {};
  private attempted = 0;
  private succeeded = 0;
  private registering = 0;
  private heartbeats = 0;
  private heartbeatFailures = 0;
  private timers = new Set<NodeJS.Timeout>();
  private inflight = new Set<Promise<unknown>>();
  private running = false;
  private startedAt = 0;
  private stoppedAt = 0;
  readonly events: string[] = [];

  constructor(options: FleetOptions) {
    this.o = {
      deployedShare: 0.5,
      tenantId: 1,
      mappingMode: 'ONE_TO_ONE_SWSIM',
      rate: 100,
      heartbeatIntervalSec: 10,
      scenario: 'steady',
      durationSec: 30,
      prefix: 'sim',
      concurrency: 64,
      seed: 1,
      livingPace: 1,
      progressEveryMs: 1000,
      ...options,
    };
    if (!Number.isInteger(this.o.count) || this.o.count < 0 || this.o.count > 1_000_000)
      throw new RangeError('count must be 0..1000000');
    this.base = new URL(this.o.url);
    this.random = rng(this.o.seed);
    this.limit = pLimit(this.o.concurrency);
    const carriers = this.o.mccMnc?.length ? this.o.mccMnc : [''];
    const deployedEvery = this.o.deployedShare;
    let deployedSoFar = 0;
    this.routers = Array.from({ length: this.o.count }, (_, index) => {
      // Spread the deployed share evenly through the fleet.
      const deployed = Math.floor((index + 1) * deployedEvery) > deployedSoFar;
      if (deployed) deployedSoFar++;
      const modem = MODEMS[index % MODEMS.length] as (typeof MODEMS)[number];
      return {
        index,
        clientId: `${this.o.prefix}-${String(index + 1).padStart(5, '0')}-slot0`,
        kind: deployed ? 'deployed' : 'rich',
        mccMnc: carriers[index % carriers.length] as string,
        radio: deployed ? null : new Radio(modem, this.random),
        imei: imeiFor(index + 1),
        bootedAt: Date.now(),
        identity: null,
        simBank: null,
        registered: false,
        dark: false,
        darkSince: null,
        forced: null,
        failing: false,
        beats: 0,
        timer: null,
      };
    });
  }

  /** Runs the scenario for durationSec and answers the summary. */
  async run(): Promise<FleetSummary> {
    this.start();
    await sleep(this.o.durationSec * 1000);
    await this.stop();
    return this.summary();
  }

  /** Starts registering and the scenario; runs until stop(). */
  start() {
    if (this.running) return;
    this.running = true;
    this.startedAt = Date.now();
    void this.track(this.registerAll());
    this.scheduleScenario();
    if (this.o.onProgress) {
      const t = setInterval(() => this.o.onProgress?.(this.progress()), this.o.progressEveryMs);
      t.unref();
      this.timers.add(t);
    }
  }

  async stop() {
    this.running = false;
    this.stoppedAt = Date.now();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const r of this.routers) if (r.timer) clearTimeout(r.timer);
    // Queued requests are not dropped (their promises would never settle): each one sees
    // running = false and returns at once.
    await Promise.allSettled([...this.inflight]);
  }

  progress(): FleetProgress {
    return {
      elapsed_s: Math.round((Date.now() - this.startedAt) / 100) / 10,
      routers: this.routers.length,
      registered: this.routers.filter((r) => r.registered).length,
      failed: this.attempted - this.succeeded - this.registering,
      heartbeats: this.heartbeats,
      heartbeat_failures: this.heartbeatFailures,
      dark: this.routers.filter((r) => r.dark).length,
    };
  }

  summary(): FleetSummary {
    const seconds = Math.max(0.001, ((this.stoppedAt || Date.now()) - this.startedAt) / 1000);
    const regSeconds = this.regWindow();
    return {
      scenario: this.o.scenario,
      routers: this.routers.length,
      deployed: this.routers.filter((r) => r.kind === 'deployed').length,
      rich: this.routers.filter((r) => r.kind === 'rich').length,
      duration_s: Math.round(seconds * 10) / 10,
      registrations: {
        attempted: this.attempted,
        succeeded: this.succeeded,
        per_s: Math.round(this.attempted / regSeconds),
        latency: percentiles(this.regLatency),
      },
      failures: { ...this.failures },
      heartbeats: {
        sent: this.heartbeats,
        failed: this.heartbeatFailures,
        per_s: Math.round(this.heartbeats / seconds),
        latency: percentiles(this.hbLatency),
      },
      rspro_connected: this.o.remsim ? this.o.remsim.connectedClients().length : 0,
      events: [...this.events],
    };
  }

  // --- registration ------------------------------------------------------------------------

  private firstRegistration = 0;
  private lastRegistration = 0;
  private regWindow() {
    return Math.max(0.001, (this.lastRegistration - this.firstRegistration) / 1000);
  }

  private async registerAll() {
    const gap = 1000 / this.o.rate;
    const started = Date.now();
    const all: Promise<unknown>[] = [];
    for (const r of this.routers) {
      if (!this.running) break;
      const due = started + r.index * gap;
      const wait = due - Date.now();
      if (wait > 4) await sleep(wait);
      all.push(this.track(this.limit(() => this.register(r))));
    }
    await Promise.allSettled(all);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => {});
    return p;
  }

  private fail(reason: string) {
    this.failures[reason] = (this.failures[reason] ?? 0) + 1;
  }

  private async register(r: Router) {
    if (!this.running) return;
    this.attempted++;
    this.registering++;
    if (!this.firstRegistration) this.firstRegistration = Date.now();
    const t0 = process.hrtime.bigint();
    try {
      if (r.kind === 'deployed') await this.registerDeployed(r);
      else await this.registerRich(r);
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code ?? 'error';
      this.fail(`network:${code}`);
    } finally {
      this.registering--;
      this.regLatency.recordValue(Math.max(1, Number((process.hrtime.bigint() - t0) / 1000n)));
      this.lastRegistration = Date.now();
    }
  }

  private async registerDeployed(r: Router) {
    const client = new DeployedClient(r.clientId, {
      host: this.base.hostname,
      port: Number(this.base.port || 80),
      tenantId: this.o.tenantId,
      mappingMode: this.o.mappingMode,
      mccMnc: r.mccMnc,
    });
    const { answer, reading } = await client.register();
    if (!reading.client_accepts) {
      // Exactly where the real client gives up: any non-200, "status":"error", bank or slot 0.
      this.fail(answer.status === 200 ? 'client_rejects_answer' : `http_${answer.status}:${errorCode(answer.body)}`);
      return;
    }
    this.accepted(r, reading.parsed.bank_id, reading.parsed.slot_id, null);
  }

  private async registerRich(r: Router) {
    const radio = r.radio as Radio;
    const res = await fetch(new URL('/api/backend/v1/remsim/register-client', this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: r.clientId,
        mapping_mode: this.o.mappingMode,
        mcc_mnc: r.mccMnc,
        tenant_id: this.o.tenantId,
        hardware_info: radio.info(r.imei),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status !== 200) {
      this.fail(`http_${res.status}:${errorCode(text)}`);
      return;
    }
    const a = JSON.parse(text) as { bank_id: number; slot_id: number; sim_slot?: { bank_id: number } };
    this.accepted(r, a.bank_id, a.slot_id, a.sim_slot?.bank_id ?? null);
    this.scheduleHeartbeat(r, this.random() * this.o.heartbeatIntervalSec * 1000);
  }

  private accepted(r: Router, bankId: number, slotId: number, simBank: number | null) {
    this.succeeded++;
    r.registered = true;
    r.identity = { bankId, slotId };
    r.simBank = simBank ?? bankId;
    if (!r.dark) this.o.remsim?.connectClient(bankId, slotId, r.clientId);
  }

  // --- heartbeats --------------------------------------------------------------------------

  private scheduleHeartbeat(r: Router, inMs: number) {
    if (!this.running || r.kind !== 'rich') return;
    if (r.timer) clearTimeout(r.timer);
    r.timer = setTimeout(() => {
      r.timer = null;
      void this.track(
        this.limit(() => this.heartbeat(r)).finally(() => {
          const jitter = 0.9 + this.random() * 0.2;
          this.scheduleHeartbeat(r, this.o.heartbeatIntervalSec * 1000 * jitter);
        }),
      );
    }, inMs);
    r.timer.unref();
  }

  private async heartbeat(r: Router) {
    if (!this.running || r.dark || !r.registered || !r.radio) return;
    r.radio.step(this.o.heartbeatIntervalSec);
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(new URL('/api/backend/v1/remsim/heartbeat', this.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: r.clientId,
          tenant_id: this.o.tenantId,
          status: r.forced ?? (r.failing && r.beats++ % 2 === 0 ? 'error' : r.radio.health),
          stats: r.radio.stats((Date.now() - r.bootedAt) / 1000),
          modem_info: r.radio.info(r.imei),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.status === 200) this.heartbeats++;
      else {
        this.heartbeatFailures++;
        this.fail(`heartbeat_http_${res.status}`);
      }
    } catch (err) {
      this.heartbeatFailures++;
      this.fail(`heartbeat_network:${(err as { cause?: { code?: string } }).cause?.code ?? 'error'}`);
    } finally {
      this.hbLatency.recordValue(Math.max(1, Number((process.hrtime.bigint() - t0) / 1000n)));
    }
  }

  // --- what happens to routers ---------------------------------------------------------------

  /** A router reboots: its RSPRO connection drops and it registers again from scratch. */
  reboot(r: Router) {
    if (r.identity) this.o.remsim?.dropClient(r.identity.bankId, r.identity.slotId);
    r.registered = false;
    r.bootedAt = Date.now();
    r.radio?.reset();
    return this.track(this.limit(() => this.register(r)));
  }

  /** A router goes dark (power, backhaul): no heartbeats, RSPRO dropped. */
  goDark(r: Router) {
    r.dark = true;
    r.darkSince = Date.now();
    if (r.identity) this.o.remsim?.dropClient(r.identity.bankId, r.identity.slotId);
  }

  comeBack(r: Router) {
    r.dark = false;
    r.darkSince = null;
    if (r.identity && r.registered) this.o.remsim?.connectClient(r.identity.bankId, r.identity.slotId, r.clientId);
  }

  private at(seconds: number, what: string, fn: () => void) {
    if (!Number.isFinite(seconds)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.running) return;
      this.events.push(`${Math.round((Date.now() - this.startedAt) / 100) / 10}s ${what}`);
      fn();
    }, seconds * 1000);
    t.unref();
    this.timers.add(t);
  }

  private every(seconds: number, fn: () => void) {
    const t = setInterval(() => this.running && fn(), seconds * 1000);
    t.unref();
    this.timers.add(t);
  }

  private pick(n: number, filter: (r: Router) => boolean = () => true) {
    const pool = this.routers.filter(filter);
    const out: Router[] = [];
    for (let i = 0; i < n && pool.length > 0; i++) out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0] as Router);
    return out;
  }

  private scheduleScenario() {
    const third = this.o.durationSec / 3;
    const n = this.routers.length;
    switch (this.o.scenario) {
      case 'steady':
        return;
      case 'reboot-storm':
        return this.at(third, `reboot storm: ${n} routers`, () => {
          for (const r of this.routers) void this.reboot(r);
        });
      case 'dark': {
        return this.at(third, `${Math.ceil(n / 5)} routers go dark`, () => {
          for (const r of this.pick(Math.ceil(n / 5), (x) => x.registered)) this.goDark(r);
        });
      }
      case 'flapping': {
        const flappers = this.pick(Math.ceil(n / 10));
        return this.every(Math.max(2, this.o.heartbeatIntervalSec), () => {
          for (const r of flappers) r.dark ? this.comeBack(r) : this.goDark(r);
        });
      }
      case 'degradation': {
        const fading = this.pick(Math.ceil(n / 5), (r) => r.kind === 'rich');
        return this.at(0, `${fading.length} routers start losing signal`, () => {
          for (const r of fading) if (r.radio) r.radio.drift = 1.5;
        });
      }
      case 'bank-offline': {
        let bank: number | null = null;
        let slots = 1024;
        this.at(third, 'the busiest bank goes offline', () => {
          bank = this.busiestBank();
          if (bank === null) return;
          this.events.push(`bank ${bank} offline`);
          slots = this.o.remsim?.bankd(bank)?.numberOfSlots ?? slots;
          this.o.remsim?.dropBankd(bank);
          for (const r of this.routers) if (r.simBank === bank) r.forced = 'error';
        });
        return this.at(2 * third, 'the bank returns', () => {
          if (bank === null) return;
          this.o.remsim?.connectBankd(bank, slots);
          for (const r of this.routers) if (r.simBank === bank) r.forced = null;
        });
      }
      case 'heavy-user': {
        const heavy = this.pick(Math.ceil(n / 10), (r) => r.kind === 'rich');
        return this.at(0, `${heavy.length} heavy users`, () => {
          for (const r of heavy) if (r.radio) r.radio.dataFactor = 20;
        });
      }
      case 'failing-card': {
        const failing = this.pick(Math.ceil(n / 10), (r) => r.kind === 'rich');
        return this.at(0, `${failing.length} cards start failing`, () => {
          for (const r of failing) {
            r.failing = true;
            if (r.radio) r.radio.errorShare = 0.5;
          }
        });
      }
      case 'modem-swap': {
        return this.at(third, `${Math.ceil(n / 5)} modems swapped`, () => {
          for (const r of this.pick(Math.ceil(n / 5), (x) => x.kind === 'rich' && x.registered)) {
            r.imei = imeiFor(100_000 + r.index);
            this.events.push(`${r.clientId} has a new modem (IMEI ${r.imei})`);
          }
        });
      }
      case 'living': {
        const pace = this.o.livingPace;
        this.every(15 * pace, () => {
          const [r] = this.pick(1, (x) => x.registered && !x.dark);
          if (r) {
            this.events.push(`${r.clientId} reboots`);
            void this.reboot(r);
          }
        });
        // A router goes dark now and then (power, backhaul) and comes back within minutes, as
        // routers do: a demo left running for a day keeps a handful of short outages, each
        // incident resolved when its router returns, not an ever-growing list of silent ones.
        this.every(40 * pace, () => {
          const [r] = this.pick(1, (x) => x.registered && !x.dark);
          if (!r) return;
          this.events.push(`${r.clientId} goes dark`);
          this.goDark(r);
          this.at((LIVING_DARK_MIN_SEC + this.random() * LIVING_DARK_SPREAD_SEC) * pace, `${r.clientId} comes back`, () =>
            this.comeBack(r),
          );
        });
        this.every(60 * pace, () => {
          const [r] = this.pick(1, (x) => x.kind === 'rich' && x.radio !== null);
          if (r?.radio) r.radio.drift = r.radio.drift > 0 ? 0 : 0.8;
        });
        return;
      }
    }
  }

  private busiestBank() {
    const counts = new Map<number, number>();
    for (const r of this.routers) if (r.simBank !== null) counts.set(r.simBank, (counts.get(r.simBank) ?? 0) + 1);
    let best: number | null = null;
    for (const [b, c] of counts) if (best === null || c > (counts.get(best) ?? 0)) best = b;
    return best;
  }
}

function errorCode(body: string) {
  return /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? 'no_code';
}
