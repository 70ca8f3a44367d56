// Flags shared by the subcommands; each also reads its IONMESH_* environment variable.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { ConfigError } from '../app/config.js';
import type { DatabaseConfig } from '../app/database.js';
import { oneSecret } from '../app/secrets.js';

export function databaseOptions(cmd: Command) {
  return cmd
    .addOption(
      new Option('--config <file>', 'read settings from a YAML or TOML file (flags and IONMESH_* variables win over it)').env(
        'IONMESH_CONFIG',
      ),
    )
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (PGlite)').env('IONMESH_DATA_DIR').default('./data'))
    .addOption(
      new Option(
        '--database-url <url>',
        'PostgreSQL URL; when set, used instead of the embedded database (also DATABASE_URL)',
      ).env('IONMESH_DATABASE_URL'),
    )
    .addOption(
      new Option(
        '--database-url-file <path>',
        'read the PostgreSQL URL from this file (a mounted secret), instead of --database-url',
      ).env('IONMESH_DATABASE_URL_FILE'),
    )
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace, silent')
        .env('IONMESH_LOG_LEVEL')
        .default('info'),
    );
}

/** The PostgreSQL URL: --database-url (or DATABASE_URL), or the file --database-url-file names. */
export const databaseUrlOf = (opts: { databaseUrl?: string; databaseUrlFile?: string }) =>
  oneSecret({
    value: opts.databaseUrl ?? process.env.DATABASE_URL,
    file: opts.databaseUrlFile,
    flag: '--database-url-file',
    valueName: '--database-url (or DATABASE_URL)',
  }) ?? null;

/**
 * The database a command that changes data works on. The default data directory (./data, no
 * --data-dir, IONMESH_DATA_DIR or --config naming one) must hold a database already: a key or an
 * import written into a new one there would reach no server. A directory named on purpose may
 * be new (a first admin key made before the first start).
 */
export function existingDatabaseOf(cmd: Command, opts: { dataDir: string; databaseUrl?: string; databaseUrlFile?: string }) {
  const config = { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) } satisfies DatabaseConfig;
  if (
    !config.databaseUrl &&
    cmd.getOptionValueSource('dataDir') === 'default' &&
    !existsSync(join(opts.dataDir, 'pglite', 'PG_VERSION'))
  )
    throw new ConfigError(
      `no IonMesh database in ${opts.dataDir} (the default data directory; nothing has run there): name the server's with --data-dir, IONMESH_DATA_DIR, --config or --database-url (--data-dir also makes a new one on purpose)`,
      'data-dir',
    );
  return config;
}
