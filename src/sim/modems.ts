// Emulated cellular modems for the rich agent: identity and a radio that drifts like a real one.
// Signal values are random walks within 3GPP reporting ranges; counters only grow.

export interface ModemModel {
  manufacturer: string;
  model: string;
  firmware: string;
  /** Typical signal centre (dBm RSRP) of its class. */
  rsrpCentre: number;
}

export const MODEMS: readonly ModemModel[] = [
  { manufacturer: 'Fibocom', model: 'FM350-GL', firmware: '81600.0000.00.29.23.03', rsrpCentre: -92 },
  { manufacturer: 'Quectel', model: 'RM500Q-GL', firmware: 'RM500QGLABR11A06M4G', rsrpCentre: -95 },
  { manufacturer: 'Sierra Wireless', model: 'EM7565', firmware: 'SWI9X50C_01.14.02.00', rsrpCentre: -98 },
  { manufacturer: 'Quectel', model: 'EC25-E', firmware: 'EC25EFAR06A11M4G', rsrpCentre: -101 },
  { manufacturer: 'Fibocom', model: 'L860-GL', firmware: '18500.5001.00.05.27.30', rsrpCentre: -97 },
];

/** A small fast seeded generator (mulberry32): the same seed gives the same fleet. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round1 = (v: number) => Math.round(v * 10) / 10;

export class Radio {
  rsrp: number;
  rsrq: number;
  sinr: number;
  /** dB per reading the signal sinks by (slow degradation scenario); 0 normally. */
  drift = 0;
  tpdus = 0;
  tpduErrors = 0;
  txBytes = 0;
  rxBytes = 0;
  /** How many times the usual data this modem moves (a heavy user: 20). */
  dataFactor = 1;
  /** Share of TPDUs in error (a failing card: 0.5); 0 normally (a rare error). */
  errorShare = 0;

  /** The counters start again from zero (the router rebooted). */
  reset() {
    this.tpdus = 0;
    this.tpduErrors = 0;
    this.txBytes = 0;
    this.rxBytes = 0;
  }

  constructor(
    readonly modem: ModemModel,
    private readonly random: () => number,
  ) {
    this.rsrp = modem.rsrpCentre + (random() - 0.5) * 16;
    this.rsrq = -10 + (random() - 0.5) * 6;
    this.sinr = 12 + (random() - 0.5) * 12;
  }

  /** One reading: a step of each walk, pulled gently back to the modem's centre. */
  step(seconds: number) {
    const r = this.random;
    const centre = this.modem.rsrpCentre;
    this.rsrp = clamp(this.rsrp + (r() - 0.5) * 3 + (centre - this.rsrp) * 0.05 - this.drift, -140, -44);
    this.rsrq = clamp(this.rsrq + (r() - 0.5) * 1 + (-10 - this.rsrq) * 0.05 - this.drift / 4, -20, -3);
    this.sinr = clamp(this.sinr + (r() - 0.5) * 2 + (12 - this.sinr) * 0.05 - this.drift / 2, -10, 30);
    const tpdus = Math.round(seconds * (2 + r() * 4));
    this.tpdus += tpdus;
    if (this.errorShare > 0) this.tpduErrors += Math.round(tpdus * this.errorShare);
    else if (r() < 0.02 + (this.drift > 0 ? 0.1 : 0)) this.tpduErrors += 1;
    this.txBytes += Math.round(seconds * r() * 40_000 * this.dataFactor);
    this.rxBytes += Math.round(seconds * r() * 250_000 * this.dataFactor);
  }

  /** RSSI follows RSRP (about 25 dB above it over a 20 MHz carrier), within -113..-51. */
  get rssi() {
    return clamp(Math.round(this.rsrp + 25), -113, -51);
  }

  /** The health a router would report: degraded below usable signal. */
  get health() {
    return this.rsrp < -115 || this.sinr < -3 ? 'degraded' : 'active';
  }

  stats(uptimeSec: number) {
    return {
      rssi: this.rssi,
      rsrp: round1(this.rsrp),
      rsrq: round1(this.rsrq),
      sinr: round1(this.sinr),
      tpdu_count: this.tpdus,
      tpdu_errors: this.tpduErrors,
      data_tx_bytes: this.txBytes,
      data_rx_bytes: this.rxBytes,
      uptime_seconds: Math.round(uptimeSec),
    };
  }

  info(imei: string) {
    return {
      manufacturer: this.modem.manufacturer,
      model: this.modem.model,
      firmware: this.modem.firmware,
      imei,
      simulated: true,
    };
  }
}

/** A valid-looking 15-digit IMEI (TAC 35 + serial + Luhn check digit). */
export function imeiFor(n: number) {
  const body = `35${String(209900 + (n % 100)).padStart(6, '0')}${String(n).padStart(6, '0').slice(-6)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
