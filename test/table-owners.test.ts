// Every table has one owning module; other modules reach it only through what the owner publishes:
// its index.ts (use cases, repository functions) or its views in db/functions/8N-<module>-views.sql
// (decision 0010). This reads the tree and fails on a statement of one module that names another
// module's table, or that writes another module's view other than an append-only log.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const modulesDir = new URL('src/modules/', root);
const functionsDir = new URL('db/functions/', root);

/** The module of each table, from the pgTable(...) calls of its *.table.ts. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const m of readdirSync(modulesDir)) {
    for (const f of readdirSync(new URL(`${m}/`, modulesDir)).filter((x) => x.endsWith('.table.ts'))) {
      const text = readFileSync(new URL(`${m}/${f}`, modulesDir), 'utf8');
      for (const t of text.matchAll(/pgTable\(\s*'(\w+)'/g)) owners.set(t[1] as string, m);
    }
  }
  return owners;
}

/** The views each module publishes, with the statements that define them. */
function publishedViews(): Map<string, { owner: string; body: string }> {
  const views = new Map<string, { owner: string; body: string }>();
  for (const f of readdirSync(functionsDir)) {
    const m = /^\d+-([a-z-]+)-views\.sql$/.exec(f);
    if (!m) continue;
    const text = readFileSync(new URL(f, functionsDir), 'utf8');
    for (const part of text.split(/CREATE OR REPLACE VIEW\s+/).slice(1)) {
      const name = /^\w+/.exec(part)?.[0] as string;
      views.set(name.replace(/^kiproxy_/, 'kiproxy_'), { owner: m[1] as string, body: part.split(';')[0] as string });
    }
  }
  return views;
}

/** Logs that other modules append to inside their own statement (the outbox, the health log). */
const APPEND_ONLY = new Set(['events_outbox', 'clients_health_log']);

const strip = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

function sqlNames(code: string) {
  const found: { verb: string; name: string }[] = [];
  for (const m of code.matchAll(/\b(FROM|JOIN|UPDATE|INSERT INTO|DELETE FROM)\s+(\w+)/g))
    found.push({ verb: m[1] as string, name: m[2] as string });
  return found;
}

describe('table ownership', () => {
  const owners = tableOwners();
  const views = publishedViews();

  it('knows the owner of every table the schema has', () => {
    const schema = readFileSync(new URL('src/schema.ts', root), 'utf8');
    expect(owners.size).toBeGreaterThan(15);
    for (const m of new Set(owners.values())) expect(schema, `src/schema.ts exports ${m}'s tables`).toContain(`modules/${m}/`);
    expect([...views.keys()]).toEqual(expect.arrayContaining(['inventory_slots', 'clients_profiles', 'events_outbox']));
  });

  it("has each published view read its own module's tables only", () => {
    const wrong: string[] = [];
    for (const [name, v] of views) {
      expect(name.startsWith(`${v.owner.replace('-', '')}_`), `${name} is named after ${v.owner}`).toBe(true);
      for (const { name: t } of sqlNames(v.body))
        if (owners.has(t) && owners.get(t) !== v.owner) wrong.push(`${name} reads ${t}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has no module name another module's table, or write another module's view except an append-only log", () => {
    const crossings: string[] = [];
    for (const m of readdirSync(modulesDir)) {
      for (const f of readdirSync(new URL(`${m}/`, modulesDir))) {
        if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
        const code = strip(readFileSync(new URL(`${m}/${f}`, modulesDir), 'utf8'));
        for (const { verb, name } of sqlNames(code)) {
          const tableOwner = owners.get(name);
          if (tableOwner && tableOwner !== m) crossings.push(`${m}/${f} ${verb} ${name} (a table of ${tableOwner})`);
          const view = views.get(name);
          if (
            view &&
            view.owner !== m &&
            verb !== 'FROM' &&
            verb !== 'JOIN' &&
            !(verb === 'INSERT INTO' && APPEND_ONLY.has(name))
          )
            crossings.push(`${m}/${f} ${verb} ${name} (a view of ${view.owner}: write through its index.ts)`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it("has no module's index.ts hand out its tables", () => {
    const leaking = readdirSync(modulesDir).filter((m) => {
      try {
        return /from '\.\/[\w-]+\.table\.js'/.test(readFileSync(new URL(`${m}/index.ts`, modulesDir), 'utf8'));
      } catch {
        return false;
      }
    });
    expect(leaking).toEqual([]);
  });
});
