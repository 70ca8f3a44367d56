// Flags shared by the subcommands; each also reads its IONMESH_* environment variable.
import { type Command, Option } from 'commander';
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
