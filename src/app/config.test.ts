// The configuration refuses values out of range with a message naming the flag; defaults hold.
import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from './config.js';

describe('configuration of the reconciler, demo, metrics and webhooks', () => {
  it('has the documented defaults', () => {
    expect(buildConfig({})).toMatchObject({
      reconcileIntervalSec: 10,
      remsimTakeover: false,
      remsimTimeoutMs: 5000,
      remsimStallGraceMs: 1000,
      bankOfflineGraceSec: 30,
      demoFleet: 50,
      demoRemsimPort: 9997,
      metricsPerClient: true,
      metricsRefreshSec: 15,
      webhooksAllowPrivate: false,
    });
    expect(buildConfig({ metricsPerClient: false, remsimTakeover: 'true', webhooksAllowPrivate: '1' })).toMatchObject({
      metricsPerClient: false,
      remsimTakeover: true,
      webhooksAllowPrivate: true,
    });
  });

  it.each([
    [{ reconcileIntervalSec: 0 }, /reconcile-interval/],
    [{ remsimTimeoutMs: 50 }, /remsim-timeout/],
    [{ remsimStallGraceMs: 5 }, /remsim-stall-grace/],
    [{ bankOfflineGraceSec: -1 }, /bank-offline-grace/],
    [{ demoFleet: -1 }, /demo-fleet/],
    [{ demoFleet: 'many' }, /demo-fleet/],
    [{ demoRemsimPort: 70000 }, /demo-remsim-port/],
    [{ metricsRefreshSec: 0 }, /metrics-refresh/],
    [{ clientRateLimit: -1 }, /client-rate-limit/],
    [{ statsRawHours: 0 }, /stats-raw-hours/],
    [{ tlsCert: '/x.crt' }, /tls-cert and tls-key go together/],
    [{ tlsClientCa: '/ca.crt' }, /tls-client-ca needs tls-cert/],
  ])('refuses %o', (input, message) => {
    expect(() => buildConfig(input)).toThrow(ConfigError);
    expect(() => buildConfig(input)).toThrow(message);
  });
});
