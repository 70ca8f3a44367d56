// `ionmesh predict …`: fault prediction models. `train` simulates labelled faults (one seed to
// learn from, another to measure on), trains, prints the measured quality, and writes the model
// to a file (--out) or uploads it to a running IonMesh (--upload: the next version, active);
// `models` lists a server's models with their quality.
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import { PREDICTION_DEFAULTS } from '../sim/faults.js';
import { trainAndMeasure, uploadOf } from '../sim/prediction-run.js';
import { api, apiOptions, targetOf } from './jobs.js';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
  return n;
};

export function predictCommand(program: Command) {
  const predict = program.command('predict').description('fault prediction models: train and measure one, list a server’s');
  apiOptions(
    predict
      .command('train')
      .description('simulate labelled faults, train a model, measure it on routers it never saw; --out and/or --upload it')
      .addOption(new Option('--seed <n>', 'seed of the training routers').argParser(int).default(PREDICTION_DEFAULTS.seed))
      .addOption(
        new Option('--test-seed <n>', 'seed of the test routers (another one)')
          .argParser(int)
          .default(PREDICTION_DEFAULTS.testSeed),
      )
      .addOption(new Option('--routers <n>', 'training routers').argParser(int).default(PREDICTION_DEFAULTS.routers))
      .addOption(new Option('--test-routers <n>', 'test routers').argParser(int).default(PREDICTION_DEFAULTS.testRouters))
      .addOption(new Option('--hours <n>', 'hours of history per router').argParser(int).default(PREDICTION_DEFAULTS.hours))
      .addOption(
        new Option('--horizon <min>', 'predict failures within this many minutes')
          .argParser(int)
          .default(PREDICTION_DEFAULTS.horizonMin),
      )
      .addOption(new Option('--trees <n>', 'boosted trees').argParser(int).default(PREDICTION_DEFAULTS.trees))
      .addOption(new Option('--out <file>', 'write the model (with its quality) to this file'))
      .addOption(new Option('--upload', 'upload it to the server (--url, --api-key of an admin key) as the active model'))
      .addOption(new Option('--json', 'print the report as JSON')),
  ).action(async (opts) => {
    const bar =
      process.stderr.isTTY && !opts.json
        ? new cliProgress.SingleBar({ format: 'training [{bar}] {value}/{total} trees' }, cliProgress.Presets.shades_classic)
        : null;
    let started = false;
    const report = trainAndMeasure(
      {
        seed: opts.seed,
        testSeed: opts.testSeed,
        routers: opts.routers,
        testRouters: opts.testRouters,
        hours: opts.hours,
        horizonMin: opts.horizon,
        trees: opts.trees,
      },
      (_phase, done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    );
    bar?.stop();
    const upload = uploadOf(report);
    if (opts.out) writeFileSync(opts.out, `${JSON.stringify(upload)}\n`);
    let stored: Record<string, unknown> | null = null;
    if (opts.upload) stored = await api(targetOf(opts), '/prediction-models', { method: 'POST', body: upload });
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ run: report.run, quality: report.quality, seconds: report.seconds, stored }, null, 2)}\n`,
      );
      return;
    }
    const q = report.quality;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    process.stdout.write(
      [
        `trained on ${report.run.routers} routers (seed ${report.run.seed}), measured on ${report.run.testRouters} others (seed ${report.run.testSeed}), horizon ${report.run.horizonMin} min, threshold ${report.model.threshold}`,
        `per moment (${q.windows} judged, ${q.positives} before a failure): accuracy ${pct(q.accuracy)}, precision ${pct(q.precision)}, recall ${pct(q.recall)}`,
        `per router (${q.routers.failing} failing, ${q.routers.healthy} healthy): accuracy ${pct(q.per_router.accuracy)}, precision ${pct(q.per_router.precision)}, recall ${pct(q.per_router.recall)}; false alarms ${q.routers.false_alarms}`,
        `lead time: median ${q.lead_p50_min} min, 10th percentile ${q.lead_p10_min} min; time-to-failure error ${q.ttf_mae_min} min`,
        opts.out ? `written to ${opts.out}` : null,
        stored ? `uploaded as version ${stored.version} (active: ${stored.active})` : null,
      ]
        .filter(Boolean)
        .join('\n')
        .concat('\n'),
    );
  });
  apiOptions(predict.command('models').description('a server’s prediction models with their quality')).action(async (opts) => {
    const page = await api(targetOf(opts), '/prediction-models');
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
    for (const m of page.items as Record<string, any>[])
      process.stdout.write(
        `v${m.version}${m.active ? ' (active)' : ''} ${m.algorithm} horizon ${m.horizon_min} min, threshold ${m.threshold}: precision ${m.quality.precision}, recall ${m.quality.recall}, lead p50 ${m.quality.lead_p50_min} min — by ${m.created_by} ${m.created_at}\n`,
      );
  });
}
