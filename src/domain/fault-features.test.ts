// The features read a falling signal as a negative trend with little time left before the
// receiver's limit, a card in error as its error rate, a flapping modem as its disconnects, and
// a steady client as none of these.
import { describe, expect, it } from 'vitest';
import { type ClientHistory, FEATURE_NAMES, featuresOf, recommendedAction, type SignalSample } from './fault-features.js';

const at = Date.UTC(2026, 10, 1, 12, 0, 0);
const f = (h: ClientHistory) => {
  const v = featuresOf(h, at);
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, v[i] as number]));
};
const history = (sample: (minutesAgo: number) => Partial<SignalSample>, extra: Partial<ClientHistory> = {}): ClientHistory => ({
  samples: Array.from({ length: 120 }, (_, k) => {
    const ago = 120 - k;
    return {
      t: at - ago * 60_000,
      rssi: -70,
      rsrq: -9,
      sinr: 15,
      tpdu_count: k * 50,
      tpdu_errors: 0,
      uptime_sec: 7200 + k * 60,
      ...sample(ago),
    };
  }),
  disconnects: [],
  failovers24h: 0,
  cardFailures24h: 0,
  ...extra,
});

describe('fault features', () => {
  it('read a steady client as steady', () => {
    const x = f(history(() => ({})));
    expect(x).toMatchObject({
      rssi_mean: -70,
      rssi_std: 0,
      rssi_trend: 0,
      tpdu_error_rate_1h: 0,
      disconnects_1h: 0,
      samples_1h: 59,
    }); // one a minute, the hour's first on its edge (excluded)
    expect(x.rssi_eta_min).toBe(600);
    expect(
      recommendedAction(
        featuresOf(
          history(() => ({})),
          at,
        ),
      ),
    ).toBe('watch');
  });

  it('read a signal falling 20 dB an hour as a negative trend, about 30 minutes from the limit', () => {
    // -97 dBm now, falling 20 dB/h: the nominal limit (-107) is about 30 minutes away.
    const x = f(history((ago) => ({ rssi: -97 - (20 * -ago) / 60 })));
    expect(x.rssi_trend).toBeCloseTo(-20, 0);
    expect(x.rssi_eta_min).toBeGreaterThan(25);
    expect(x.rssi_eta_min).toBeLessThan(40);
    expect(
      recommendedAction(
        featuresOf(
          history((ago) => ({ rssi: -97 + (20 * ago) / 60 })),
          at,
        ),
      ),
    ).toBe('check_site_signal');
  });

  it('read TPDU errors as a rate, and counter resets as no errors', () => {
    const x = f(history((ago) => ({ tpdu_errors: (120 - ago) * 10 })));
    expect(x.tpdu_error_rate_1h).toBeCloseTo(0.2, 5);
    const reset = f(history((ago) => (ago === 30 ? { tpdu_count: 0, tpdu_errors: 0 } : {})));
    expect(reset.tpdu_error_rate_1h).toBe(0);
    expect(
      recommendedAction(
        featuresOf(
          history((ago) => ({ tpdu_errors: (120 - ago) * 10 })),
          at,
        ),
      ),
    ).toBe('move_to_other_card');
  });

  it('count disconnects within an hour, three and a day', () => {
    const x = f(
      history(() => ({}), {
        disconnects: [at - 10 * 60_000, at - 50 * 60_000, at - 150 * 60_000, at - 20 * 3_600_000, at - 30 * 3_600_000],
      }),
    );
    expect([x.disconnects_1h, x.disconnects_3h, x.disconnects_24h]).toEqual([2, 3, 4]);
  });
});
