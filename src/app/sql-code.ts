// SQL that is code (functions) lives in db/functions/*.sql, one readable file per concern, and is
// applied at start when its content changed, after the migrations and under the same lock, so
// that replicas agree. Migrations hold schema only; a change to a function is a change to its
// file (decision 0009). Each file is idempotent (CREATE OR REPLACE; a signature change drops the
// old one first) and applied whole, in name order.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** What the runner records of each file it applied. */
const AppliedRow = Type.Object({ name: Type.String(), sha256: Type.String() });

export const SQL_CODE_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'db', 'functions');

export interface SqlCodeFile {
  name: string;
  text: string;
  sha256: string;
}

export function sqlCodeFiles(folder = SQL_CODE_FOLDER): SqlCodeFile[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(folder, name), 'utf8');
      return { name, text, sha256: createHash('sha256').update(text).digest('hex') };
    });
}

/** A connection that runs a script of several statements, and a query with parameters. */
export interface ScriptRunner {
  exec(script: string): Promise<unknown>;
  rows<T>(query: string, params: unknown[]): Promise<T[]>;
}

/** Applies the files whose content differs from what was applied last; returns their names. */
export async function applySqlCode(db: ScriptRunner, files = sqlCodeFiles()): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS ionmesh_sql_code (
       name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const recorded = await db.rows<unknown>('SELECT name, sha256 FROM ionmesh_sql_code', []);
  // Checked like every row of the application (rowsOf), though read before the modules are up.
  const wrong = recorded.find((r) => !Value.Check(AppliedRow, r));
  if (wrong !== undefined) throw new Error(`ionmesh_sql_code holds a row of another shape: ${JSON.stringify(wrong)}`);
  const known = new Map((recorded as Static<typeof AppliedRow>[]).map((r) => [r.name, r.sha256]));
  const applied: string[] = [];
  for (const f of files) {
    if (known.get(f.name) === f.sha256) continue;
    await db.exec(f.text);
    await db.rows(
      `INSERT INTO ionmesh_sql_code (name, sha256) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()`,
      [f.name, f.sha256],
    );
    applied.push(f.name);
  }
  return applied;
}
