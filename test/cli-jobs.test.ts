// `ionmesh jobs …` as an operator runs it against a running IonMesh: a dry run shows the count,
// `run --yes` creates the job the dry run counted and follows it with a progress bar to its end;
// items, list and cancel; refusals exit non-zero with the server's reason; without --yes off a
// terminal nothing is created.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, onPostgres, startIonMesh } from './support/harness.js';
import { ionmeshArgs } from './support/processes.js';

const run = promisify(execFile);

// The CLI speaks HTTP only: once, on the embedded database, is enough.
describe.runIf(!onPostgres)('ionmesh jobs (the CLI)', () => {
  let h: Harness;
  const cli = (...args: string[]) =>
    run(process.execPath, ionmeshArgs(['jobs', ...args, '--url', h.url]), {
      env: { ...process.env, IONMESH_API_KEY: ADMIN_KEY },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const jobs = async () => (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM bulk_jobs`))[0]?.n;

  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('dry-runs, then runs a job to its end with a progress bar', async () => {
    const dry = await cli(
      'run',
      'tag_card',
      '--tenant',
      '1',
      '--filter',
      'bank_id=2,mcc_mnc=311480',
      '--add-tags',
      'cli',
      '--dry-run',
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('tag_card would run for 32 card(s)');
    expect(dry.stdout).toContain('  2/0 available');
    expect(dry.stdout).toContain('… and 12 more');
    expect(await jobs()).toBe(0);

    // The server's runner works while the CLI follows (this test server runs no background jobs).
    const pending = cli(
      'run',
      'tag_card',
      '--tenant',
      '1',
      '--cards',
      '1/1,1/2,1/3',
      '--add-tags',
      'cli',
      '--yes',
      '--poll',
      '50',
    );
    let finished = false;
    void pending.then(() => {
      finished = true;
    });
    for (let i = 0; i < 400 && !finished; i++) {
      await h.services.jobs.tick(200);
      await new Promise((r) => setTimeout(r, 25));
    }
    const r = await pending;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/job \d+ created/);
    expect(r.stdout).toMatch(/job \d+ tag_card: done, 3 done, 0 skipped, 0 failed, 0 cancelled of 3/);
    expect(r.stderr).toMatch(/\[[█░]+\] 100% \| 3\/3/);
    const id = Number(/job (\d+) created/.exec(r.stdout)?.[1]);
    const tagged = await h.query(sql`SELECT bank_id, slot_id FROM card_tags WHERE tag = 'cli' ORDER BY slot_id`);
    expect(tagged).toEqual([1, 2, 3].map((s) => ({ bank_id: 1, slot_id: s })));

    const items = await cli('items', String(id));
    expect(items.stdout.split('\n').filter(Boolean)).toEqual(['     1 1/1 done', '     2 1/2 done', '     3 1/3 done']);
    const list = await cli('list', '--json');
    expect(JSON.parse(list.stdout).items[0]).toMatchObject({ id, state: 'done', total: 3 });
    // Cancelling a finished job: the server's refusal, exit 1.
    const cancel = await cli('cancel', String(id));
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain('JOB_FINISHED');
  });

  it('creates nothing when it cannot ask, or is asked wrong', async () => {
    const before = await jobs();
    const notAsked = await cli('run', 'disable_card', '--tenant', '1', '--cards', '1/9');
    expect(notAsked.code).toBe(2);
    expect(notAsked.stderr).toContain('pass --yes');
    const two = await cli('run', 'disable_card', '--tenant', '1', '--cards', '1/9', '--group', '1', '--yes');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('one of --group, --filter');
    const badCard = await cli('run', 'disable_card', '--tenant', '1', '--cards', '1-9', '--yes');
    expect(badCard.code).toBe(2);
    expect(badCard.stderr).toContain('1-9 is not bank/slot');
    const refused = await cli('run', 'queue_command', '--tenant', '1', '--clients', 'nobody', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs params.command');
    const noKey = await run(process.execPath, ionmeshArgs(['jobs', 'list', '--url', h.url]), {
      env: { ...process.env, IONMESH_API_KEY: '' },
    }).catch((e) => e);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('an API key is needed');
    expect(await jobs()).toBe(before);
  });

  it('says in one line what failed and where: a refused key, a server that is not there', async () => {
    const ionmesh = (args: string[], key: string) =>
      run(process.execPath, ionmeshArgs([...args]), {
        env: { ...process.env, IONMESH_API_KEY: key },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const badKey = await ionmesh(['predict', 'models', '--url', h.url], 'not-a-key-at-all-0000');
    expect(badKey.code).toBe(1);
    const lines = badKey.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ionmesh: GET http:\/\/127\.0\.0\.1:\d+\/api\/backend\/v1\/prediction-models: 401 UNAUTHORIZED: \S/,
    );
    // Nothing listens there (a port the test itself just held and closed).
    const gone = await new Promise<string>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    for (const args of [
      ['predict', 'models', '--url', gone],
      ['jobs', 'list', '--url', gone],
    ]) {
      const r = await ionmesh(args, ADMIN_KEY);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`cannot reach IonMesh at ${gone.replaceAll('.', '\\.')} \\(GET .*\\): ECONNREFUSED`));
    }
  });
});
