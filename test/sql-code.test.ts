// SQL that is code lives in db/functions/*.sql and is applied at start when it changed (decision
// 0009); migrations hold schema only from 0032 on.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountRow, RowShapeError, rowsOf } from '../src/app/database.js';
import { sqlCodeFiles } from '../src/app/sql-code.js';
import { type Harness, startIonMesh } from './support/harness.js';

describe('SQL code in files', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
  });
  afterAll(() => h.close());

  it('applies every file at start and records what it applied', async () => {
    const rows = await h.query<{ name: string; sha256: string }>(sql`SELECT name, sha256 FROM ionmesh_sql_code ORDER BY name`);
    expect(rows).toEqual(sqlCodeFiles().map((f) => ({ name: f.name, sha256: f.sha256 })));
    // The functions are the files' definitions: the registration function is the one of its file.
    const [def] = await h.query<{ src: string }>(sql`SELECT prosrc AS src FROM pg_proc WHERE proname = 'ionmesh_register'`);
    const file = sqlCodeFiles().find((f) => f.name.includes('register'))?.text ?? '';
    expect(file).toContain((def?.src ?? 'missing').trim().slice(0, 200));
  });

  it('applies a file again when its content changed, and only then', async () => {
    await h.query(sql`UPDATE ionmesh_sql_code SET applied_at = '2000-01-01'`);
    await h.query(sql`UPDATE ionmesh_sql_code SET sha256 = 'stale' WHERE name = '20-ip-in.sql'`);
    await h.db.migrate();
    const after = await h.query<{ name: string; year: number }>(
      sql`SELECT name, extract(year FROM applied_at)::int AS year FROM ionmesh_sql_code ORDER BY name`,
    );
    const reapplied = after.filter((r) => r.year > 2000).map((r) => r.name);
    expect(reapplied).toEqual(['20-ip-in.sql']);
    const [ok] = await h.query<{ in: boolean }>(sql`SELECT ionmesh_ip_in('::ffff:10.0.0.1', ARRAY['10.0.0.0/8']) AS in`);
    expect(ok?.in).toBe(true);
  });

  it('keeps function definitions out of new migrations (a change to a function is a change to its file)', () => {
    const folder = new URL('../drizzle/', import.meta.url);
    const late = readdirSync(folder).filter((f) => /^\d{4}_.*\.sql$/.test(f) && Number(f.slice(0, 4)) >= 32);
    for (const f of late) expect(readFileSync(new URL(f, folder), 'utf8'), f).not.toMatch(/CREATE (OR REPLACE )?FUNCTION/i);
  });

  it('refuses a row that does not have the shape its statement declares, naming where', async () => {
    expect(await h.db.run((x) => rowsOf(x, CountRow, sql`SELECT 2 AS n`))).toEqual([{ n: 2 }]);
    const wrong = h.db.run((x) => rowsOf(x, CountRow, sql`SELECT 'two' AS n`));
    await expect(wrong).rejects.toThrow(RowShapeError);
    await expect(h.db.run((x) => rowsOf(x, CountRow, sql`SELECT NULL::int AS n`))).rejects.toThrow(/at \/n/);
  });

  it('has every raw statement of src/ declare the shape of its rows (rowsOf), checked while the suite runs', () => {
    const unchecked: string[] = [];
    const walk = (dir: URL) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
          const file = new URL(e.name, dir);
          // rows itself and rowsOf built on it; the SQL code runner, which reads its own two-column
          // table on the migration connection before any module is up.
          if (/\/src\/app\/(database|sql-code)\.ts$/.test(file.pathname)) continue;
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = line.replace(/\/\/.*$/, '').replace(/^\s*(\/\*|\*).*$/, '');
              if (/(^|[^.\w])rows\s*[<(]/.test(code)) unchecked.push(`${file.pathname.split('/src/')[1]}:${i + 1}`);
            });
        }
      }
    };
    walk(new URL('../src/', import.meta.url));
    expect(unchecked).toEqual([]);
  });
});
