// Flags shared by the subcommands; each also reads its IONMESH_* environment variable.
import { type Command, Option } from 'commander';

export function databaseOptions(cmd: Command) {
  return cmd
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (PGlite)').env('IONMESH_DATA_DIR').default('./data'))
    .addOption(
      new Option(
        '--database-url <url>',
        'PostgreSQL URL; when set, used instead of the embedded database (also DATABASE_URL)',
      ).env('IONMESH_DATABASE_URL'),
    )
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace, silent')
        .env('IONMESH_LOG_LEVEL')
        .default('info'),
    );
}

export const databaseUrlOf = (opts: { databaseUrl?: string }) => opts.databaseUrl ?? process.env.DATABASE_URL ?? null;
