// The deployment kit matches the product: every metric the alert rules and the Grafana dashboard
// query is exposed on /metrics, and promtool accepts the rules and the scrape configuration.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, onPostgres, startIonMesh } from './support/harness.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;
const file = (p: string) => readFileSync(new URL(`../deploy/${p}`, import.meta.url), 'utf8');
const metricNames = (text: string) =>
  new Set([...text.matchAll(/\bionmesh_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));

describe.runIf(!onPostgres)('deployment kit', () => {
  let h: Harness;
  let exposed: Set<string>;
  beforeAll(async () => {
    h = await startIonMesh();
    const text = await (await fetch(`${h.url}/metrics`)).text();
    exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string));
  });
  afterAll(() => h.close());

  it('alert rules query only metrics IonMesh exposes', () => {
    const rules = file('prometheus/alerts.yml')
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    const used = metricNames(rules);
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((m) => !exposed.has(m))).toEqual([]);
  });

  it('the Grafana dashboard is valid JSON whose every panel queries exposed metrics', () => {
    const dash = JSON.parse(file('grafana/ionmesh-fleet.json')) as {
      uid: string;
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    expect(dash.uid).toBe('ionmesh-fleet');
    expect(dash.panels.length).toBeGreaterThanOrEqual(10);
    for (const p of dash.panels) {
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      const used = metricNames(p.targets.map((t) => t.expr).join('\n'));
      expect(
        [...used].filter((m) => !exposed.has(m)),
        p.title,
      ).toEqual([]);
    }
  });

  it.runIf(promtool)('passes promtool check rules and check config', () => {
    const rules = spawnSync('promtool', ['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(rules.status, rules.stderr.toString()).toBe(0);
    const config = spawnSync('promtool', ['check', 'config', 'deploy/prometheus/prometheus.yml']);
    expect(config.status, config.stderr.toString()).toBe(0);
  });
});
