// A newcomer follows the README top to bottom against a fresh `npm start` demo: every shell
// example runs, in order, as printed (the demo's address and the admin key it printed filled
// in), and every HTTP answer is a success unless the README says which refusal to expect. So the
// walkthrough cannot drift from the product again. Blocks that are not part of it say why.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from './support/harness.js';
import { freePort, ionmeshArgs, spawnIonMesh } from './support/processes.js';
import { splitCommands, walkthroughBlocks, walkthroughScript } from './support/readme-walkthrough.js';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the README walkthrough, as the script reads it', () => {
  it('splits commands over continued lines and open quotes, and reads the expected refusal', () => {
    const commands = splitCommands(
      [
        '# a comment',
        "curl -s -XPOST x -d '{",
        '  "a": 1}'.concat("'"),
        'curl -s y \\',
        "  -d 'z'   # → 409 JOB_FINISHED",
        'echo "it\'s # not a comment"',
        "cat > rows.csv <<'EOF'",
        'bank_id,slot_id',
        '# not a comment here',
        'EOF',
        'curl -s z   # → 200 or 409 when it is done',
      ],
      10,
    );
    expect(commands.map((c) => [c.line, c.expectStatus])).toEqual([
      [11, null],
      [13, [409]],
      [15, null],
      [16, null],
      [20, [200, 409]],
    ]);
    expect(commands[3]?.text.split('\n')).toHaveLength(4);
    expect(commands[0]?.text).toBe('curl -s -XPOST x -d \'{\n  "a": 1}\'');
  });

  it('runs every shell block unless the README says why not, and a marker without a reason is refused', () => {
    const blocks = walkthroughBlocks(readme);
    const run = blocks.filter((b) => !b.skip);
    expect(run.length).toBeGreaterThan(10);
    for (const b of blocks.filter((b) => b.skip)) expect(b.skip?.length).toBeGreaterThan(10);
    expect(() => walkthroughBlocks('<!-- walkthrough: skip -->\n```sh\nls\n```\n')).toThrow(/skip — why/);
    expect(walkthroughBlocks('<!-- walkthrough: skip — it starts the server itself -->\n```sh\nnpm start\n```\n')[0]?.skip).toBe(
      'it starts the server itself',
    );
  });

  it('holds only loopback and documentation addresses (RFC 5737), which nothing ever contacts', () => {
    const under = (dir: string, ext: RegExp) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => ext.test(f))
        .map((f) => `${dir}/${f}`);
    const docs = ['README.md', ...under('docs', /\.md$/), ...under('deploy', /\.(ya?ml|conf|env|service|md)$/)];
    const outside: string[] = [];
    for (const file of docs) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/(?<![\w.-])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/g)) {
        const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const ok =
          a === 127 ||
          (a === 0 && b === 0) ||
          (a === 192 && b === 0 && c === 2) ||
          (a === 198 && b === 51 && c === 100) ||
          (a === 203 && b === 0 && c === 113);
        if (!ok) outside.push(`${file}: ${m[0]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

/** Every demo the test started, killed at the end even when it failed half way. */
const started = new Set<ChildProcess>();

describe.runIf(!onPostgres)('the README walkthrough against a fresh npm start demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ionmesh-walkthrough-'));
  afterAll(() => {
    for (const p of started) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs top to bottom, every answer as the README says, and the server logs no error', async () => {
    const [port, remsimPort] = [await freePort(), await freePort()];
    const adminKey = `imk_${randomBytes(24).toString('base64url')}`;
    // `npm start` is `ionmesh serve --demo`: the same, on ports of its own.
    const demo = spawnIonMesh(
      ['serve', '--demo', '--port', String(port), '--host', '127.0.0.1', '--data-dir', join(dir, 'data')],
      {
        env: { ...process.env, DATABASE_URL: '', IONMESH_ADMIN_KEY: adminKey, IONMESH_DEMO_REMSIM_PORT: String(remsimPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    started.add(demo);
    let log = '';
    demo.stdout?.on('data', (d) => (log += d));
    demo.stderr?.on('data', (d) => (log += d));
    await waitForFleet(port, adminKey, () => log);

    const text = readme
      .replaceAll(/(localhost|127\.0\.0\.1):5000\b/g, `127.0.0.1:${port}`)
      .replaceAll(/(localhost|127\.0\.0\.1):9997\b/g, `127.0.0.1:${remsimPort}`)
      .replaceAll('imk_…', adminKey);
    const script = walkthroughScript(
      walkthroughBlocks(text),
      [process.execPath, ...ionmeshArgs([])].map((a) => `'${a}'`).join(' '),
    );
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(dir, 'walkthrough.sh'), script);
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(IONMESH_|DATABASE_URL|REDIS_URL|KEY$|ION$|ADMIN_KEY$)/.test(k)),
    );
    const { code, output } = await runBash(join(dir, 'walkthrough.sh'), work, clean);
    mkdirSync(join(root, 'artifacts'), { recursive: true });
    writeFileSync(join(root, 'artifacts/readme-walkthrough.log'), output.replaceAll(adminKey, 'imk_…'));
    const failed = /@@ FAILED .*/.exec(output)?.[0];
    expect(failed ?? (code === 0 ? 'ok' : `bash exited ${code}`), tail(output)).toBe('ok');
    expect(output).toContain('@@ walkthrough done');
    // The walkthrough's requests were all answered without a server error.
    const errors = log.split('\n').filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  }, 300_000);
});

const tail = (output: string) => output.split('\n').slice(-60).join('\n');

async function waitForFleet(port: number, key: string, log: () => string) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/backend/v1/clients?limit=1`, { headers: { 'x-api-key': key } });
      // The demo's simulated fleet (50 routers) has registered: the demo is what a newcomer sees.
      if (res.ok && ((await res.json()) as { total: number }).total >= 50) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the demo did not come up with its fleet:\n${log().slice(-4000)}`);
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolveRun) => {
    const bash = spawn('bash', [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(bash);
    let output = '';
    bash.stdout.on('data', (d) => (output += d));
    bash.stderr.on('data', (d) => (output += d));
    // Bounded: a command that hangs fails the walkthrough instead of the whole suite's timeout.
    const timer = setTimeout(() => bash.kill('SIGKILL'), 240_000);
    bash.on('exit', (code) => {
      clearTimeout(timer);
      started.delete(bash);
      resolveRun({ code, output });
    });
  });
}
