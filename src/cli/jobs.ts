// `ionmesh jobs …`: bulk jobs through a running IonMesh's admin API (--url, --api-key): the
// actions, a dry run and confirmation, then the job with a progress bar until it finishes; list,
// show, watch, items, cancel. The server's runner does the work; this only asks and follows.
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError } from '../app/config.js';
import { oneSecret } from '../app/secrets.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

/** IonMesh answered with a refusal: one line naming the request, the server and its answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Doc,
    readonly request = '',
  ) {
    super(`${request ? `${request}: ` : ''}${status} ${body.code ?? ''}: ${body.message ?? JSON.stringify(body)}`);
  }
}

/** No answer at all (nothing listens, a name that does not resolve, a time-out): where and why. */
export class Unreachable extends Error {}

interface Target {
  url: string;
  apiKey: string;
}

export function targetOf(opts: Doc): Target {
  const apiKey = oneSecret({ value: opts.apiKey, file: opts.apiKeyFile, flag: '--api-key-file', valueName: '--api-key' });
  if (!apiKey) throw new ConfigError('an API key is needed: --api-key, IONMESH_API_KEY or --api-key-file');
  return { url: opts.url.replace(/\/+$/, ''), apiKey };
}

export async function api(t: Target, path: string, init: { method?: string; body?: unknown } = {}) {
  const method = init.method ?? 'GET';
  const url = `${t.url}/api/backend/v1${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { 'x-api-key': t.apiKey, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? 'no answer within 30 s' : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new Unreachable(`cannot reach IonMesh at ${t.url} (${method} ${url}): ${why}`);
  }
  const body = (await res.json().catch(() => ({}))) as Doc;
  if (!res.ok) throw new ApiError(res.status, body, `${method} ${url}`);
  return body;
}

/** The options every `jobs` subcommand takes: where IonMesh is and the key to use. */
export function apiOptions(cmd: Command) {
  return cmd
    .addOption(new Option('--url <url>', 'the IonMesh server').env('IONMESH_URL').default('http://127.0.0.1:5000'))
    .addOption(new Option('--api-key <key>', 'an API key whose role allows the action').env('IONMESH_API_KEY'))
    .addOption(new Option('--api-key-file <path>', 'read the API key from this file').env('IONMESH_API_KEY_FILE'));
}

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** `bank/slot,bank/slot` */
function cardsOf(v: string) {
  return list(v).map((c) => {
    const m = /^(\d+)\/(\d+)$/.exec(c);
    if (!m) throw new Error(`--cards: ${c} is not bank/slot`);
    return { bank_id: Number(m[1]), slot_id: Number(m[2]) };
  });
}

/** `key=value,key=value` of a group filter; numbers where the API takes numbers. */
function filterOf(v: string) {
  const f: Doc = {};
  for (const pair of list(v)) {
    const [k, val] = pair.split('=');
    if (!k || val === undefined) throw new Error(`--filter: ${pair} is not key=value`);
    f[k] = k === 'bank_id' || k === 'pool_id' ? Number(val) : val;
  }
  return f;
}

export function jobRequest(action: string, o: Doc) {
  const selectors = [
    o.group !== undefined && { group_id: Number(o.group) },
    o.filter !== undefined && { filter: filterOf(o.filter) },
    o.cards !== undefined && { cards: cardsOf(o.cards) },
    o.clients !== undefined && { clients: list(o.clients) },
    o.clientTag !== undefined && { client_tag: o.clientTag },
  ].filter(Boolean) as Doc[];
  if (selectors.length !== 1)
    throw new Error('name what to run it for: one of --group, --filter, --cards, --clients, --client-tag');
  const params: Doc = {};
  if (o.addTags) params.add_tags = list(o.addTags);
  if (o.removeTags) params.remove_tags = list(o.removeTags);
  if (o.groupId !== undefined) params.group_id = Number(o.groupId);
  if (o.fromGroupId !== undefined) params.from_group_id = Number(o.fromGroupId);
  if (o.mccMnc) params.mcc_mnc = o.mccMnc;
  if (o.command) params.command = { type: o.command };
  if (o.enforcing) params.enforcing = true;
  if (o.reason && action === 'reassign_client') params.reason = o.reason;
  return {
    tenant_id: Number(o.tenant),
    action,
    ...(Object.keys(params).length ? { params } : {}),
    selector: selectors[0],
    ...(o.batchSize !== undefined ? { batch_size: Number(o.batchSize) } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
  };
}

const summary = (j: Doc) =>
  `job ${j.id} ${j.action}: ${j.state}, ${j.done} done, ${j.skipped} skipped, ${j.failed} failed, ${j.cancelled} cancelled of ${j.total}`;

/** Follows a job with a progress bar until it is no longer running; its last state. */
async function watch(t: Target, id: number, pollMs: number, maxMinutes: number) {
  let job = await api(t, `/jobs/${id}`);
  const bar = new cliProgress.SingleBar(
    {
      format: `job ${id} ${job.action} [{bar}] {percentage}% | {value}/{total} | {done} done, {skipped} skipped, {failed} failed | ETA {eta_formatted}`,
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (j: Doc) => ({ done: j.done, skipped: j.skipped, failed: j.failed });
  const finished = (j: Doc) => j.done + j.skipped + j.failed + j.cancelled;
  bar.start(job.total, finished(job), payload(job));
  const until = Date.now() + maxMinutes * 60_000;
  while (job.state === 'running' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, pollMs));
    job = await api(t, `/jobs/${id}`);
    bar.update(finished(job), payload(job));
  }
  bar.stop();
  return job;
}

async function confirm(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs a subcommand: an API refusal or a usage error is printed on stderr with exit code 1 / 2. */
const guard =
  <A extends unknown[]>(f: (...a: A) => Promise<number>) =>
  async (...a: A) => {
    try {
      process.exitCode = await f(...a);
    } catch (e) {
      process.stderr.write(`ionmesh jobs: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = e instanceof ApiError || e instanceof Unreachable ? 1 : 2;
    }
  };

export function jobsCommand(program: Command) {
  const jobs = program.command('jobs').description('bulk jobs: an action for every card or client a selector names (admin API)');

  apiOptions(jobs.command('actions').description('the actions a job can run, what they act on and the access they need')).action(
    guard(async (o) => {
      for (const a of (await api(targetOf(o), '/job-actions')).items as Doc[])
        process.stdout.write(
          `${a.action.padEnd(18)} ${a.target.padEnd(7)} ${a.access.padEnd(8)} ${a.description}${a.required.length ? ` (needs ${a.required.join(', ')})` : ''}\n`,
        );
      return 0;
    }),
  );

  apiOptions(
    jobs
      .command('run')
      .argument('<action>', 'disable_card, enable_card, mark_faulty, tag_card, move_to_group, bind_imei, reassign_client, …')
      .description('dry-run, confirm, create and follow a bulk job')
      .requiredOption('--tenant <id>', 'the tenant')
      .option('--group <id>', 'the cards of a group')
      .option('--filter <k=v,…>', 'the tenant’s cards matching mcc_mnc, bank_id, tag, pool_id, state')
      .option('--cards <b/s,…>', 'listed cards (bank/slot)')
      .option('--clients <id,…>', 'listed clients')
      .option('--client-tag <tag>', 'the clients with a tag')
      .option('--add-tags <t,…>', 'tag_card, tag_client: tags to add')
      .option('--remove-tags <t,…>', 'tag_card, tag_client: tags to remove')
      .option('--group-id <id>', 'move_to_group: the explicit group')
      .option('--from-group-id <id>', 'move_to_group: the group to take the cards out of')
      .option('--mcc-mnc <mccmnc>', 'reassign_client: another carrier')
      .option('--command <type>', 'queue_command: restart, reregister, switch_slot, update_config')
      .option('--enforcing', 'bind_imei: refuse heartbeats from another modem')
      .option('--reason <text>', 'why (kept with the job; reassign_client: with each move)')
      .option('--batch-size <n>', 'items per batch')
      .option('-y, --yes', 'do not ask: create the job the dry run counted')
      .option('--dry-run', 'only count and show the first objects')
      .option('--no-wait', 'create and return (follow it with `ionmesh jobs watch`)')
      .option('--poll <ms>', 'how often to ask for progress', '1000')
      .option('--timeout-minutes <n>', 'stop following after this long (the job goes on)', '120'),
  ).action(
    guard(async (action: string, o: Doc) => {
      const t = targetOf(o);
      const body = jobRequest(action, o);
      const dry = await api(t, '/jobs', { method: 'POST', body: { ...body, dry_run: true } });
      process.stdout.write(`${action} would run for ${dry.total} ${dry.target}(s)\n`);
      for (const s of dry.sample as Doc[])
        process.stdout.write(
          `  ${s.bank_id !== undefined ? `${s.bank_id}/${s.slot_id} ${s.status ?? '-'} ${s.client_id ?? ''}` : s.client_id}\n`,
        );
      if (dry.total > dry.sample.length) process.stdout.write(`  … and ${dry.total - dry.sample.length} more\n`);
      if (o.dryRun) return 0;
      if (dry.total === 0) {
        process.stdout.write('nothing to do\n');
        return 0;
      }
      if (!o.yes) {
        if (!process.stdin.isTTY) throw new Error('not a terminal: pass --yes to create the job without asking');
        if (!(await confirm(`Run ${action} for these ${dry.total}? [y/N] `))) {
          process.stdout.write('not started\n');
          return 1;
        }
      }
      const job = await api(t, '/jobs', { method: 'POST', body: { ...body, expected_total: dry.total } });
      process.stdout.write(`job ${job.id} created\n`);
      if (!o.wait) return 0;
      const last = await watch(t, job.id, Number(o.poll), Number(o.timeoutMinutes));
      process.stdout.write(`${summary(last)}\n`);
      return last.failed > 0 || last.state === 'running' ? 1 : 0;
    }),
  );

  apiOptions(
    jobs
      .command('list')
      .description('bulk jobs, newest first')
      .option('--tenant <id>', 'of one tenant')
      .option('--state <state>', 'running, done, cancelled')
      .option('--limit <n>', 'at most', '20')
      .option('--json', 'as JSON'),
  ).action(
    guard(async (o: Doc) => {
      const q = new URLSearchParams({ limit: o.limit });
      if (o.tenant) q.set('tenant_id', o.tenant);
      if (o.state) q.set('state', o.state);
      const page = await api(targetOf(o), `/jobs?${q}`);
      if (o.json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      else for (const j of page.items as Doc[]) process.stdout.write(`${summary(j)} (${j.created_at} by ${j.created_by})\n`);
      return 0;
    }),
  );

  apiOptions(jobs.command('show').argument('<id>').description('a job and how far it is').option('--json', 'as JSON')).action(
    guard(async (id: string, o: Doc) => {
      const j = await api(targetOf(o), `/jobs/${Number(id)}`);
      process.stdout.write(o.json ? `${JSON.stringify(j, null, 2)}\n` : `${summary(j)}\n`);
      return 0;
    }),
  );

  apiOptions(
    jobs
      .command('watch')
      .argument('<id>')
      .description('follow a job with a progress bar until it finishes')
      .option('--poll <ms>', 'how often to ask', '1000')
      .option('--timeout-minutes <n>', 'stop following after this long', '120'),
  ).action(
    guard(async (id: string, o: Doc) => {
      const last = await watch(targetOf(o), Number(id), Number(o.poll), Number(o.timeoutMinutes));
      process.stdout.write(`${summary(last)}\n`);
      return last.failed > 0 || last.state === 'running' ? 1 : 0;
    }),
  );

  apiOptions(
    jobs
      .command('items')
      .argument('<id>')
      .description('the items of a job with their results')
      .option('--state <state>', 'pending, running, done, skipped, failed, cancelled')
      .option('--limit <n>', 'at most', '100'),
  ).action(
    guard(async (id: string, o: Doc) => {
      const q = new URLSearchParams({ limit: o.limit });
      if (o.state) q.set('state', o.state);
      const page = await api(targetOf(o), `/jobs/${Number(id)}/items?${q}`);
      for (const i of page.items as Doc[])
        process.stdout.write(
          `${String(i.seq).padStart(6)} ${i.client_id ?? `${i.bank_id}/${i.slot_id}`} ${i.state}${i.reason ? ` ${i.reason}` : ''}\n`,
        );
      if (page.total > page.items.length) process.stdout.write(`(${page.items.length} of ${page.total})\n`);
      return 0;
    }),
  );

  apiOptions(jobs.command('cancel').argument('<id>').description('cancel a running job (items under way finish)')).action(
    guard(async (id: string, o: Doc) => {
      process.stdout.write(`${summary(await api(targetOf(o), `/jobs/${Number(id)}/cancel`, { method: 'POST' }))}\n`);
      return 0;
    }),
  );
}
