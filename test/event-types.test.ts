// One catalogue of event types: served at GET /event-types, the only types webhooks and the
// stream accept (names, or prefixes ending in '.', matched alike in TypeScript and SQL), and the
// only types any writer uses (TypeScript by its type; SQL checked here), each with the payload
// every writer gives it (checked for every event the suite writes, test/support/harness.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from '../src/modules/audit/index.js';
import { EVENT_TYPE_FILTERS, EVENT_TYPE_NAMES, eventProblems, typeMatches } from '../src/modules/events/index.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

describe('the event type catalogue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ config: { webhooksAllowPrivate: true } });
  });
  afterAll(() => h.close());

  it('is served with what each type means and whether it carries a tenant', async () => {
    const res = await h.admin('/event-types');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: Array<{
        type: string;
        tenant: boolean;
        description: string;
        data: { properties: Record<string, unknown>; required: string[] };
      }>;
    };
    expect(items.map((i) => i.type)).toEqual([...EVENT_TYPE_NAMES]);
    expect(items.find((i) => i.type === 'remsim.server_unreachable')).toMatchObject({ tenant: false });
    expect(items.every((i) => i.description.length > 10)).toBe(true);
    // With the JSON Schema of each type's payload, for webhook receivers.
    const registered = items.find((i) => i.type === 'client.registered');
    expect(Object.keys(registered?.data.properties ?? {})).toEqual(expect.arrayContaining(['client_id', 'bank_id', 'slot_id']));
    expect(registered?.data.required).toContain('profile_id');
  });

  it('holds every payload to its type: fields missing, extra or of another kind are named', () => {
    const good = {
      type: 'client.unregistered',
      tenant_id: 1,
      data: { profile_id: 'p', client_id: 'c', mapping_mode: 'ONE_TO_ONE', bank_id: 1, slot_id: 2 },
    };
    expect(eventProblems(good)).toEqual([]);
    expect(eventProblems({ ...good, data: { ...good.data, slot_id: undefined } }).join()).toMatch(/slot_id/);
    expect(eventProblems({ ...good, data: { ...good.data, slot: 2 } }).join()).toMatch(/client.unregistered data/);
    expect(eventProblems({ ...good, data: { ...good.data, bank_id: 'one' } }).join()).toMatch(/bank_id/);
    expect(eventProblems({ ...good, tenant_id: null }).join()).toMatch(/without its tenant/);
    expect(eventProblems({ type: 'remsim.server_reachable', tenant_id: 3, data: { server_id: 1, url: 'u' } }).join()).toMatch(
      /installation-wide/,
    );
    expect(eventProblems({ ...good, type: 'client.teleported' }).join()).toMatch(/not in the catalogue/);
  });

  it('holds every type SQL writes (db/functions and the raw SQL of src/)', () => {
    const files: URL[] = [];
    const walk = (dir: URL) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
        else if (/\.(sql|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(new URL(e.name, dir));
      }
    };
    walk(new URL('../db/functions/', import.meta.url));
    walk(new URL('../src/', import.meta.url));
    const written = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const part of text.split(/INSERT INTO events(?:_outbox)?\b/i).slice(1)) {
        const statement = part.split(/;|RETURNING/i)[0] ?? '';
        for (const m of statement.matchAll(/'([a-z_]+\.[a-z_]*)'/g)) written.add(m[1] as string);
      }
    }
    expect(written.size).toBeGreaterThan(3);
    // Writers of src/ append through the outbox view (decision 0010): they are read too.
    expect(written).toContain('command.delivered');
    // 'client.' || liveness writes client.online and client.offline.
    const expanded = [...written].flatMap((t) => (t.endsWith('.') ? [`${t}online`, `${t}offline`] : [t]));
    expect(expanded.filter((t) => !EVENT_TYPE_NAMES.includes(t))).toEqual([]);
  });

  it('is what webhooks may subscribe to: another type is a 400 and creates nothing', async () => {
    const bad = await h.admin(
      '/webhooks',
      json({ tenant_id: 1, url: 'http://127.0.0.1:9/hook', event_types: ['client.teleported'] }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('event_types');
    const list = (await (await h.admin('/webhooks')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const good = await h.admin(
      '/webhooks',
      json({
        tenant_id: 1,
        url: 'http://127.0.0.1:9/hook',
        event_types: ['client.config_mismatch', 'remsim.mapping_stalled'],
      }),
    );
    expect(good.status, await good.clone().text()).toBe(200);
  });

  it('matches a filter of types alike in TypeScript (live stream) and SQL (event list, webhook delivery)', async () => {
    const cases: Array<[string[], string, boolean]> = [
      [[], 'client.registered', true],
      [['client.registered'], 'client.registered', true],
      [['client.registered'], 'client.registered_again', false],
      [['client.'], 'client.offline', true],
      [['client.'], 'clients.offline', false],
      [['client'], 'client.offline', false],
      [['remsim.', 'pool.capacity_warning'], 'pool.capacity_warning', true],
      [['remsim.', 'pool.capacity_warning'], 'webhook.disabled', false],
      [['remsim.server_'], 'remsim.server_unreachable', false],
    ];
    for (const [filters, type, expected] of cases) {
      expect(typeMatches(filters, type), `${filters} ${type}`).toBe(expected);
      const [r] = await h.query<{ m: boolean }>(sql`SELECT ionmesh_type_matches(${sql.param(filters)}::text[], ${type}) AS m`);
      expect(r?.m, `${filters} ${type}`).toBe(expected);
    }
    // The prefixes a filter may name are the catalogue's namespaces.
    expect(EVENT_TYPE_FILTERS).toEqual(expect.arrayContaining(['client.', 'remsim.', 'pool.']));
    expect(EVENT_TYPE_FILTERS.filter((f) => f.endsWith('.') && !EVENT_TYPE_NAMES.some((t) => t.startsWith(f)))).toEqual([]);
  });

  it('takes the same filters on the stream and on webhooks: a prefix is accepted, a typo is a 400', async () => {
    const hook = await h.admin('/webhooks', json({ tenant_id: 1, url: 'http://127.0.0.1:9/prefix', event_types: ['client.'] }));
    expect(hook.status, await hook.clone().text()).toBe(200);
    expect((await h.admin('/events?type=client.,remsim.server_unreachable')).status).toBe(200);
    const typo = await h.admin('/events?type=client.registerd');
    expect(typo.status).toBe(400);
    expect((await typo.json()).message).toContain('client.registerd');
    const badPrefix = await h.admin('/webhooks', json({ tenant_id: 1, url: 'http://127.0.0.1:9/x', event_types: ['clients.'] }));
    expect(badPrefix.status).toBe(400);
  });

  it('has one catalogue of audit actions too: served, the only filter of the audit log, the only names SQL writes', async () => {
    const res = await h.admin('/audit-actions');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<{ action: string; event: string | null }> };
    expect(items.map((i) => i.action)).toEqual([...AUDIT_ACTION_NAMES]);
    // An action and the event of the same change are linked, and the event is in its catalogue.
    expect(AUDIT_ACTIONS.filter((a) => a.event !== null && !EVENT_TYPE_NAMES.includes(a.event))).toEqual([]);
    expect(items.find((i) => i.action === 'client.register')?.event).toBe('client.registered');
    // SQL writers (the register function) write catalogue actions.
    const register = readFileSync(new URL('../db/functions/60-register.sql', import.meta.url), 'utf8');
    const written = [...register.split(/INSERT INTO audit_log\b/i).slice(1)].flatMap((part) =>
      [...(part.split(';')[0] ?? '').matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1] as string),
    );
    expect(written).toContain('client.register');
    expect(written.filter((a) => !AUDIT_ACTION_NAMES.includes(a))).toEqual([]);
    expect((await h.admin('/audit-log?action=client.register')).status).toBe(200);
    const typo = await h.admin('/audit-log?action=client.registered');
    expect(typo.status).toBe(400);
  });
});
