// Emulated modems: signal stays within 3GPP reporting ranges, counters only grow, a fading
// radio ends up reporting degraded, and the same seed gives the same readings.
import { describe, expect, it } from 'vitest';
import { imeiFor, MODEMS, Radio, rng } from './modems.js';

const luhnOk = (digits: string) =>
  [...digits].reverse().reduce((sum, ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    return sum + d;
  }, 0) %
    10 ===
  0;

describe('emulated modem radio', () => {
  it('walks within RSSI/RSRP/RSRQ/SINR ranges while its counters only grow', () => {
    for (const modem of MODEMS) {
      const radio = new Radio(modem, rng(7));
      let last = radio.stats(0);
      for (let i = 1; i <= 500; i++) {
        radio.step(60);
        const s = radio.stats(i * 60);
        expect(s.rssi).toBeGreaterThanOrEqual(-113);
        expect(s.rssi).toBeLessThanOrEqual(-51);
        expect(s.rsrp).toBeGreaterThanOrEqual(-140);
        expect(s.rsrp).toBeLessThanOrEqual(-44);
        expect(s.rsrq).toBeGreaterThanOrEqual(-20);
        expect(s.rsrq).toBeLessThanOrEqual(-3);
        expect(s.sinr).toBeGreaterThanOrEqual(-10);
        expect(s.sinr).toBeLessThanOrEqual(30);
        for (const k of ['tpdu_count', 'tpdu_errors', 'data_tx_bytes', 'data_rx_bytes'] as const)
          expect(s[k]).toBeGreaterThanOrEqual(last[k]);
        last = s;
      }
      expect(last.tpdu_count).toBeGreaterThan(0);
    }
  });

  it('fades to degraded when its signal drifts down', () => {
    const radio = new Radio(MODEMS[0] as (typeof MODEMS)[number], rng(3));
    expect(radio.health).toBe('active');
    radio.drift = 1.5;
    for (let i = 0; i < 60; i++) radio.step(10);
    expect(radio.health).toBe('degraded');
  });

  it('is reproducible from its seed and gives valid IMEIs', () => {
    const a = new Radio(MODEMS[1] as (typeof MODEMS)[number], rng(42));
    const b = new Radio(MODEMS[1] as (typeof MODEMS)[number], rng(42));
    a.step(10);
    b.step(10);
    expect(a.stats(10)).toEqual(b.stats(10));
    for (const n of [1, 99, 123456]) {
      expect(imeiFor(n)).toMatch(/^[0-9]{15}$/);
      expect(luhnOk(imeiFor(n))).toBe(true);
    }
  });
});
