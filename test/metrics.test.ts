// Prometheus /metrics: counters as things happen, fleet gauges from the background refresh,
// per-client signal series (with a switch), valid exposition format (promtool when installed).
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageService } from '../src/modules/usage/index.js';
import { type Harness, startIonMesh } from './support/harness.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;

const post = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const scrape = async (h: Harness) => {
  const res = await fetch(`${h.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('counts registrations by outcome and heartbeats, and keeps signal series per client', async () => {
    expect((await post(h, '/register-client', { client_id: 'm-1-slot0', tenant_id: 1 })).status).toBe(200);
    expect((await post(h, '/register-client', { client_id: 'm-1-slot0', tenant_id: 1 })).status).toBe(200);
    expect((await post(h, '/register-client', { client_id: 'm-2-slot0', tenant_id: 1, mcc_mnc: '99999' })).status).toBe(503);
    const hb = await post(h, '/heartbeat', {
      client_id: 'm-1-slot0',
      tenant_id: 1,
      stats: { rssi: -71, rsrp: -98.5, rsrq: -11, sinr: 13.2 },
    });
    expect(hb.status).toBe(200);
    expect((await post(h, '/heartbeat', { client_id: 'nobody-slot0' })).status).toBe(404);
    const text = await scrape(h);
    expect(value(text, 'ionmesh_registrations_total{mode="ONE_TO_ONE_SWSIM",outcome="new"}')).toBe(1);
    expect(value(text, 'ionmesh_registrations_total{mode="ONE_TO_ONE_SWSIM",outcome="existing"}')).toBe(1);
    expect(value(text, 'ionmesh_allocation_failures_total{reason="no_slot_available",mode="ONE_TO_ONE_SWSIM"}')).toBe(1);
    expect(value(text, 'ionmesh_heartbeats_total{result="ok"}')).toBe(1);
    expect(value(text, 'ionmesh_heartbeats_total{result="unknown_client"}')).toBe(1);
    expect(value(text, 'ionmesh_client_rssi_dbm{tenant="1",client_id="m-1-slot0"}')).toBe(-71);
    expect(value(text, 'ionmesh_client_rsrp_dbm{tenant="1",client_id="m-1-slot0"}')).toBe(-98.5);
    expect(text).toMatch(
      /ionmesh_http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/api\/backend\/v1\/remsim\/heartbeat",status_code="200"\}/,
    );
    expect(text).toMatch(/^ionmesh_process_resident_memory_bytes /m);
  });

  it('reports the fleet from the refresh, not from the scrape', async () => {
    await h.services.metrics.refreshFleet();
    const text = await scrape(h);
    expect(value(text, 'ionmesh_clients{tenant="1",mode="ONE_TO_ONE_SWSIM",liveness="online"}')).toBe(1);
    expect(value(text, 'ionmesh_slots{bank="1",status="assigned"}')).toBe(1);
    expect(value(text, 'ionmesh_slots{bank="1",status="available"}')).toBe(31);
    expect(value(text, 'ionmesh_commands{state="pending"}')).toBe(0);
    // A change shows after the next refresh only.
    expect((await post(h, '/register-client', { client_id: 'm-3-slot0', tenant_id: 1 })).status).toBe(200);
    expect(value(await scrape(h), 'ionmesh_slots{bank="1",status="assigned"}')).toBe(1);
    await h.services.metrics.refreshFleet();
    expect(value(await scrape(h), 'ionmesh_slots{bank="1",status="assigned"}')).toBe(2);
  });

  it('shows each card’s bytes in its current cycle after the refresh', async () => {
    for (const rx of [1000, 251_000])
      expect(
        (await post(h, '/heartbeat', { client_id: 'm-3-slot0', tenant_id: 1, stats: { data_rx_bytes: rx, data_tx_bytes: 10 } }))
          .status,
      ).toBe(200);
    await new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();
    await h.services.metrics.refreshFleet();
    const [card] = await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'm-3-slot0' AND status = 'ACTIVE'`,
    );
    const labels = `tenant="1",bank_id="${card?.bank_id}",slot_id="${card?.slot_id}"`;
    const text = await scrape(h);
    expect(value(text, `ionmesh_card_usage_cycle_bytes{${labels},direction="rx"}`)).toBe(250_000);
    expect(value(text, `ionmesh_card_usage_cycle_bytes{${labels},direction="tx"}`)).toBe(0);
  });

  it('drops a client’s signal series when it unregisters', async () => {
    expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/m-1-slot0`, { method: 'DELETE' })).status).toBe(200);
    const text = await scrape(h);
    expect(text).not.toContain('client_id="m-1-slot0"');
    expect(value(text, 'ionmesh_unregistrations_total')).toBe(1);
  });

  it.runIf(promtool)('passes promtool check metrics', async () => {
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: await scrape(h) });
    expect(checked.stderr.toString() + checked.stdout.toString()).toBe('');
    expect(checked.status).toBe(0);
  });
});

describe('/metrics without per-client series', () => {
  it('keeps no series per client when switched off', async () => {
    const h = await startIonMesh({ config: { metricsPerClient: false } });
    try {
      expect((await post(h, '/register-client', { client_id: 'quiet-slot0', tenant_id: 1 })).status).toBe(200);
      expect((await post(h, '/heartbeat', { client_id: 'quiet-slot0', stats: { rssi: -80 } })).status).toBe(200);
      const text = await scrape(h);
      expect(text).not.toContain('quiet-slot0');
      await h.services.metrics.refreshFleet();
      expect(await scrape(h)).not.toContain('ionmesh_card_usage_cycle_bytes{');
      expect(value(text, 'ionmesh_heartbeats_total{result="ok"}')).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('/metrics for a fleet larger than --metrics-per-client-max', () => {
  it('drops per-client series while the fleet is over the maximum, and keeps them again once it is back under', async () => {
    const h = await startIonMesh({ config: { metricsPerClientMax: 2 } });
    try {
      const ids = ['big-1-slot0', 'big-2-slot0', 'big-3-slot0'];
      for (const id of ids) expect((await post(h, '/register-client', { client_id: id, tenant_id: 1 })).status).toBe(200);
      const beat = async () => {
        for (const id of ids) await post(h, '/heartbeat', { client_id: id, stats: { rssi: -75 } });
      };
      await beat();
      // Never more series than the maximum, even before the fleet size is known.
      const unrefreshed = await h.services.metrics.registry.metrics();
      expect(unrefreshed.match(/^ionmesh_client_rssi_dbm\{/gm)?.length).toBe(2);
      await h.services.metrics.refreshFleet();
      await beat();
      let text = await scrape(h);
      expect(text).not.toMatch(/^ionmesh_client_rssi_dbm\{/m);
      expect(value(text, 'ionmesh_metrics_per_client_enabled')).toBe(0);
      expect(value(text, 'ionmesh_heartbeats_total{result="ok"}')).toBe(6);
      expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/big-3-slot0`, { method: 'DELETE' })).status).toBe(200);
      await h.services.metrics.refreshFleet();
      await beat();
      text = await scrape(h);
      expect(value(text, 'ionmesh_metrics_per_client_enabled')).toBe(1);
      expect(text).toMatch(/^ionmesh_client_rssi_dbm\{tenant="[^"]*",client_id="big-1-slot0"\} -75$/m);
    } finally {
      await h.close();
    }
  });
});
