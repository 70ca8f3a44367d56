// SIM inventory import: the bankd slot file and the header-named format, all or nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type Harness, onPostgres, snapshot, startIonMesh } from '../../../test/support/harness.js';
import { type Database, openPglite, rows } from '../../app/database.js';
import { withLuhn } from '../../domain/iccid.js';
import { DEMO_CARRIERS, demoCard } from './demo.js';
import { parseSimCsv } from './sim-import.js';

const run = promisify(execFile);
const seedBank3 = (db: Database) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO tenants (id, name, enrollment_mode) VALUES (1, 't', 'open')`);
    await tx.execute(sql`INSERT INTO sim_banks (bank_id, name, tenant_id) VALUES (3, 'b', 1)`);
  });
const csvImport = (h: Harness, body: string) =>
  h.admin('/sim-imports', { method: 'POST', body, headers: { 'content-type': 'text/csv' } });

describe('parsing an import file', () => {
  it('reads the bankd slot file, slots numbered from 0', () => {
    const parsed = parseSimCsv('"1","0","Alcor Micro AU9540 00 00"\n"1","1","Alcor Micro AU9540 01 00"\n');
    expect(parsed.format).toBe('bankd-slots');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.bankId, r.slotId, r.readerName])).toEqual([
      [1, 0, 'Alcor Micro AU9540 00 00'],
      [1, 1, 'Alcor Micro AU9540 01 00'],
    ]);
  });

  it('reports every bad row of a header-named file by its line number', () => {
    const good = withLuhn('891004100000000100');
    const right = withLuhn('891004100000000101');
    const wrongLuhn = right.slice(0, -1) + String((Number(right.at(-1)) + 1) % 10);
    const parsed = parseSimCsv(
      [
        'bank_id,slot_id,iccid,imsi,carrier,mcc_mnc,card_type',
        `1,0,${good},310410000000001,AT&T,310410,REGULAR`,
        `1,1,${wrongLuhn},310410000000002,AT&T,310410,REGULAR`, // wrong Luhn digit
        `1,2,${withLuhn('891004100000000102')},311480000000003,AT&T,310410,REGULAR`, // IMSI of another carrier
        `1,1024,${withLuhn('891004100000000103')},310410000000004,AT&T,310410,REGULAR`, // slot out of range
        `0,3,${withLuhn('891004100000000104')},310410000000005,AT&T,310410,REGULAR`, // bank out of range
        `1,0,${withLuhn('891004100000000105')},310410000000006,AT&T,310410,REGULAR`, // slot twice
        `1,5,${good},310410000000007,AT&T,310410,REGULAR`, // ICCID twice
        `1,6,${withLuhn('891004100000000106')},3104100000000071,AT&T,310410,REGULAR`, // IMSI 16 digits
        `1,7,${withLuhn('891004100000000107')},310410000000008,AT&T,310410,SPECIAL`, // card type
      ].join('\n'),
    );
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parsed.errors[0]?.message).toMatch(/Luhn/);
    expect(parsed.errors[1]?.message).toMatch(/MCC\/MNC 310410/);
    expect(parsed.errors[5]?.message).toMatch(/also on line 2/);
  });

  it('refuses a header with unknown columns', () => {
    expect(parseSimCsv('bank_id,slot_id,ki\n1,0,abc').errors[0]).toEqual({ line: 1, message: 'Unknown column(s): ki' });
  });
});

describe('an operator importing SIM inventory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('imports a header-named file over the API: new slots created, existing ones updated', async () => {
    const csv = [
      'bank_id,slot_id,iccid,imsi,carrier,mcc_mnc,card_type',
      `1,40,${withLuhn('891004109900000040')},310410990000040,AT&T,310410,REGULAR`,
      `1,41,${withLuhn('891004109900000041')},310410990000041,AT&T,310410,KI_PROXY_MASTER`,
      `1,5,${withLuhn('891004109900000005')},310410990000005,AT&T,310410,REGULAR`,
    ].join('\r\n');
    const res = await csvImport(h, csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'success',
      format: 'header',
      rows: 3,
      created: 2,
      updated: 1,
      replaced_in_use: 0,
    });
    const slot = await (await h.admin('/banks/1/slots/41')).json();
    expect(slot).toMatchObject({ card_type: 'KI_PROXY_MASTER', imsi: '310410990000041', status: 'available' });
    const updated = await (await h.admin('/banks/1/slots/5')).json();
    expect(updated.iccid).toBe(withLuhn('891004109900000005'));
    const audit = await (await h.admin('/audit-log?action=sims.import')).json();
    expect(audit.items[0].after).toMatchObject({ rows: 3, created: 2 });
  });

  it('imports a bankd slot file', async () => {
    const res = await csvImport(h, '"2","32","Reader A"\n"2","33","Reader B"\n');
    expect(await res.json()).toMatchObject({ format: 'bankd-slots', rows: 2, created: 2 });
    expect((await (await h.admin('/banks/2')).json()).slot_count).toBe(34);
  });

  it('imports nothing from a file with one bad row, and says which line', async () => {
    const before = await snapshot(h);
    const demoIccid = demoCard(1, 10, DEMO_CARRIERS[0]).iccid;
    const csv = [
      'bank_id,slot_id,iccid,imsi,carrier,mcc_mnc',
      `1,50,${withLuhn('891004109900000050')},310410990000050,AT&T,310410`,
      `9,51,${withLuhn('891004109900000051')},310410990000051,AT&T,310410`, // bank 9 does not exist
      `1,52,${demoIccid},310410990000052,AT&T,310410`, // ICCID of demo bank 1 slot 10
    ].join('\n');
    const res = await csvImport(h, csv);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'error', code: 'IMPORT_INVALID', error_count: 2 });
    expect(body.errors).toEqual([
      { line: 3, message: 'bank 9 does not exist' },
      { line: 4, message: `ICCID ${demoIccid} is already in bank 1 slot 10` },
    ]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses an empty file', async () => {
    const res = await csvImport(h, 'bank_id,slot_id\n');
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].message).toBe('The file has no data rows');
  });
});

describe('ionmesh import sims (the CLI)', () => {
  let dir: string;
  // PostgreSQL: a fresh database; PGlite: a data directory, opened by one process at a time.
  let postgres: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  const target = () => (postgres?.url ? ['--database-url', postgres.url] : ['--data-dir', dir]);
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, ...target()], {
      env: { ...process.env, DATABASE_URL: '' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const countImported = async () => {
    const db = postgres?.db ?? (await openPglite(join(dir, 'pglite')));
    const [n] = await db.run((h) => rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM slots WHERE bank_id = 3`));
    if (!postgres) await db.close();
    return n?.n;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ionmesh-import-'));
    if (onPostgres) {
      postgres = await freshDatabase();
      await postgres.db.migrate();
      await seedBank3(postgres.db);
    } else {
      const migrated = await cli('migrate');
      expect(migrated.stdout).toMatch(/Database migrated \(pglite\)/);
      const db = await openPglite(join(dir, 'pglite'));
      await seedBank3(db);
      await db.close();
    }
  });
  afterAll(async () => {
    if (postgres) {
      await postgres.db.close();
      await postgres.drop();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a good file and prints what it did', async () => {
    const file = join(dir, 'sims.csv');
    writeFileSync(file, Array.from({ length: 600 }, (_, i) => `"3","${i}","Reader ${i}"`).join('\n'));
    const r = await cli('import', 'sims', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported 600 row\(s\) \(bankd-slots format\): 600 slot\(s\) created, 0 updated/);
    expect(await countImported()).toBe(600);
  });

  it('exits non-zero on bad rows, lists their lines and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'bank_id,slot_id,iccid\n3,700,8900000000000000001\n3,701,\n3,2000,\n');
    const r = await cli('import', 'sims', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: ICCID check digit/);
    expect(r.stderr).toMatch(/line 4: slot_id "2000" is not 0\.\.1023/);
    expect(await countImported()).toBe(600);
  });
});
