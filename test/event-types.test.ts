// One catalogue of event types: served at GET /event-types, the only types webhooks accept, and
// the only types any writer uses (TypeScript by its type; SQL checked here).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPE_NAMES } from '../src/modules/events/index.js';
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
    const { items } = (await res.json()) as { items: Array<{ type: string; tenant: boolean; description: string }> };
    expect(items.map((i) => i.type)).toEqual([...EVENT_TYPE_NAMES]);
    expect(items.find((i) => i.type === 'remsim.server_unreachable')).toMatchObject({ tenant: false });
    expect(items.every((i) => i.description.length > 10)).toBe(true);
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
      for (const part of text.split(/INSERT INTO events\b/i).slice(1)) {
        const statement = part.split(/;|RETURNING/i)[0] ?? '';
        for (const m of statement.matchAll(/'([a-z_]+\.[a-z_]*)'/g)) written.add(m[1] as string);
      }
    }
    expect(written.size).toBeGreaterThan(3);
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
});
