// The deployment kit matches the product: every metric the alert rules and the Grafana dashboard
// query is exposed on /metrics, and promtool accepts the rules and the scrape configuration.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Harness, onPostgres, startIonMesh } from './support/harness.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;
const file = (p: string) => readFileSync(new URL(`../deploy/${p}`, import.meta.url), 'utf8');
interface AlertRule {
  alert: string;
  annotations: { runbook_url?: string };
}
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

  it('gives every alert a runbook in docs/operations.md and a unit test that fires it', () => {
    const rules = (parse(file('prometheus/alerts.yml')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap(
      (g) => g.rules,
    );
    const tests = parse(file('prometheus/alerts.test.yml')) as {
      tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
    };
    const fired = new Set(
      tests.tests.flatMap((t) => t.alert_rule_test.filter((c) => c.exp_alerts.length > 0).map((c) => c.alertname)),
    );
    const operations = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
    // GitHub's anchors: a heading's text, lower case.
    const anchors = new Set([...operations.matchAll(/^#{2,4} (.+)$/gm)].map((m) => (m[1] as string).trim().toLowerCase()));
    expect(rules.length).toBeGreaterThanOrEqual(14);
    for (const rule of rules) {
      expect(fired.has(rule.alert), `${rule.alert} has no promtool test that fires it`).toBe(true);
      const runbook = rule.annotations.runbook_url ?? '';
      expect(runbook, rule.alert).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
      expect(anchors.has(rule.alert.toLowerCase()), `docs/operations.md has no section ${rule.alert}`).toBe(true);
    }
  });

  it('lets the dashboard be narrowed to an instance and a tenant', () => {
    const dash = JSON.parse(file('grafana/ionmesh-fleet.json')) as {
      templating: { list: Array<{ name: string }> };
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    // The data source is a variable too, so the file works imported (its __inputs) and provisioned.
    expect(dash.templating.list.map((v) => v.name)).toEqual(['DS_PROMETHEUS', 'instance', 'tenant']);
    for (const p of dash.panels) for (const t of p.targets) expect(t.expr, p.title).toContain('instance=~"$instance"');
    const titles = dash.panels.map((p) => p.title).join(' | ');
    expect(titles).toMatch(/Reconciler/);
    expect(titles).toMatch(/Webhook/);
    expect(titles).toMatch(/Database/);
  });

  it.runIf(promtool)('passes promtool test rules', () => {
    const tested = spawnSync('promtool', ['test', 'rules', 'deploy/prometheus/alerts.test.yml']);
    expect(tested.status, tested.stdout.toString() + tested.stderr.toString()).toBe(0);
  });

  it.runIf(promtool)('passes promtool check rules and check config', () => {
    const rules = spawnSync('promtool', ['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(rules.status, rules.stderr.toString()).toBe(0);
    const config = spawnSync('promtool', ['check', 'config', 'deploy/prometheus/prometheus.yml']);
    expect(config.status, config.stderr.toString()).toBe(0);
  });
});

describe.runIf(!onPostgres)('deployment kit: image, compose, chart, service unit', () => {
  const systemd = spawnSync('systemd-analyze', ['--version']).status === 0;

  it('builds a multi-stage image that runs as a non-root user, checks /readyz and keeps data in a volume', () => {
    const docker = file('docker/Dockerfile');
    expect(docker.match(/^FROM /gm)).toHaveLength(2);
    expect(docker).toMatch(/^USER 10001:10001$/m);
    expect(docker).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
    expect(docker).toMatch(/^VOLUME \["\/var\/lib\/ionmesh"\]$/m);
    // The runtime stage installs the release without development dependencies.
    expect(docker).toMatch(/npm ci --omit=dev/);
    const ignored = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8');
    for (const dir of ['node_modules', '.git', 'data']) expect(ignored.split('\n')).toContain(dir);
  });

  it('composes IonMesh with PostgreSQL, Redis, Prometheus with the rules and Grafana with the dashboard', () => {
    const compose = parse(file('compose/compose.yaml')) as {
      services: Record<string, { volumes?: string[]; environment?: Record<string, string>; build?: { dockerfile: string } }>;
      secrets: Record<string, { file: string }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'ionmesh', 'postgres', 'prometheus', 'redis']);
    expect(compose.services.ionmesh?.build?.dockerfile).toBe('deploy/docker/Dockerfile');
    expect(compose.services.ionmesh?.environment?.IONMESH_REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    // Every file the services mount is in the kit.
    const mounts = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('.'));
    expect(mounts.length).toBeGreaterThanOrEqual(4);
    for (const m of mounts) {
      const source = m.split(':')[0] as string;
      expect(existsSync(new URL(`../deploy/compose/${source}`, import.meta.url)), m).toBe(true);
    }
    expect(mounts.join(' ')).toContain('../prometheus/alerts.yml');
    expect(mounts.join(' ')).toContain('../grafana/ionmesh-fleet.json');
    const scrape = parse(file('compose/prometheus/prometheus.yml')) as { rule_files: string[] };
    expect(scrape.rule_files).toEqual(['alerts.yml']);
  });

  it.runIf(promtool)('gives compose a Prometheus configuration promtool accepts', () => {
    const checked = spawnSync('promtool', ['check', 'config', '--syntax-only', 'deploy/compose/prometheus/prometheus.yml']);
    expect(checked.status, checked.stdout.toString() + checked.stderr.toString()).toBe(0);
  });

  it('ships a chart whose values pass its own schema, and whose templates only read values that exist', async () => {
    const values = parse(file('helm/ionmesh/values.yaml')) as Record<string, unknown>;
    const schema = JSON.parse(file('helm/ionmesh/values.schema.json'));
    const validate = new Ajv.default({ strict: false }).compile(schema);
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
    // The schema refuses a secret put in the config file, as the product does.
    expect(validate({ ...values, config: { 'admin-key': 'imk_x' } })).toBe(false);
    const chart = parse(file('helm/ionmesh/Chart.yaml')) as { apiVersion: string; appVersion: string };
    expect(chart.apiVersion).toBe('v2');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(chart.appVersion).toBe(pkg.version);
    const templates = ['deployment', 'service', 'secret', 'configmap', 'pdb', 'servicemonitor', 'migrate-job', '_helpers']
      .map((t) => file(`helm/ionmesh/templates/${t}.${t === '_helpers' ? 'tpl' : 'yaml'}`))
      .join('\n');
    const paths = new Set([...templates.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)].map((m) => m[1] as string));
    expect(paths.size).toBeGreaterThan(15);
    for (const path of paths) {
      let at: unknown = values;
      for (const part of path.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
      expect(at, `.Values.${path}`).not.toBeUndefined();
    }
    // Probes on the health routes, a disruption budget, the admin key as a Secret.
    expect(templates).toMatch(/readinessProbe:\s+httpGet: \{ path: \/readyz/);
    expect(templates).toMatch(/livenessProbe:\s+httpGet: \{ path: \/healthz/);
    expect(templates).toMatch(/kind: PodDisruptionBudget/);
    expect(templates).toMatch(/kind: ServiceMonitor/);
  });

  it.runIf(systemd)('has a systemd unit that systemd-analyze verifies, hardened to an exposure of 2.0 or less', () => {
    const unit = 'deploy/systemd/ionmesh.service';
    const verified = spawnSync('systemd-analyze', ['verify', unit]);
    expect(verified.status, verified.stderr.toString()).toBe(0);
    expect(verified.stderr.toString()).toBe('');
    // --threshold is on a 0-100 scale: 20 is an overall exposure of 2.0 ("OK").
    const security = spawnSync('systemd-analyze', ['security', '--offline=true', '--threshold=20', unit]);
    expect(security.status, security.stdout.toString()).toBe(0);
    const text = file('systemd/ionmesh.service');
    for (const line of ['DynamicUser=yes', 'StateDirectory=ionmesh', 'ProtectSystem=strict', 'NoNewPrivileges=yes'])
      expect(text.split('\n')).toContain(line);
  });
});
