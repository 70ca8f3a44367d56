// `ionmesh import sims FILE`: validates and imports a SIM CSV straight into the database.
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { openDatabase } from '../app/database.js';
import { DomainError } from '../domain/errors.js';
import { InventoryService } from '../modules/inventory/index.js';

export async function importSims(
  file: string,
  db: { dataDir: string; databaseUrl: string | null },
  options: { replaceInUse?: boolean } = {},
) {
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    process.stderr.write(`ionmesh import sims: cannot read ${file}: ${why}\n`);
    return 2;
  }
  const database = await openDatabase(db, 'cli (import sims)');
  const bar = new cliProgress.SingleBar(
    {
      format: 'importing [{bar}] {percentage}% | {value}/{total} rows',
      hideCursor: true,
      noTTYOutput: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    await database.migrate();
    const result = await new InventoryService(database).imports.importSims(
      csv,
      { actor: 'cli' },
      (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      null,
      options,
    );
    if (started) bar.stop();
    process.stdout.write(
      `Imported ${result.rows} row(s) (${result.format} format): ${result.created} slot(s) created, ${result.updated} updated${result.replaced_in_use ? `, ${result.replaced_in_use} card(s) in use replaced` : ''}.\n`,
    );
    return 0;
  } catch (error) {
    if (started) bar.stop();
    if (error instanceof DomainError && error.code === 'IMPORT_INVALID') {
      process.stderr.write(`${error.message}\n`);
      for (const e of (error.details?.errors as Array<{ line: number; message: string }>) ?? []) {
        process.stderr.write(`  line ${e.line}: ${e.message}\n`);
      }
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
