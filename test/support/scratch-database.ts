// A scratch PostgreSQL database of its own, made next to a base URL and dropped after: each test
// file (test/support/harness.ts) and each benchmark (bench/support.ts) gets one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function scratchPostgres(
  baseUrl: string,
  prefix: string,
  /** A database to copy (migrated once per test run, test/global-setup.ts), else an empty one. */
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
