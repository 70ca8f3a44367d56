// A backup of the embedded database through the running server (`ionmesh backup` uses it when a
// server holds the data directory): consistent, since it is taken between two units of the
// database queue, and audited, since it carries every key hash and client of every tenant.
import { BackupNotEmbedded, type Database } from '../../app/database.js';
import { type App, actorOf } from '../../app/http.js';
import { errorResponses } from '../../app/schemas.js';
import { conflict } from '../../domain/errors.js';
import { recordAudit } from '../audit/index.js';

export function backupRoutes(db: Database) {
  return async function routes(app: App) {
    app.get(
      '/backup',
      {
        config: { access: 'admin', tenant: 'global' },
        schema: {
          operationId: 'getBackup',
          tags: ['operations'],
          summary: 'A consistent backup of the embedded database (a gzipped tar; `ionmesh restore` loads it)',
          description:
            'Taken while the server runs, between two units of work. On PostgreSQL: 409 BACKUP_NOT_EMBEDDED (use pg_dump).',
          security: [{ apiKey: [] }],
          response: {
            200: {
              description: 'The backup: a gzipped tar of the data directory',
              content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errorResponses(409),
          },
        },
      },
      async (req, reply) => {
        let bytes: Uint8Array;
        try {
          bytes = await db.backup();
        } catch (e) {
          if (e instanceof BackupNotEmbedded) throw conflict('BACKUP_NOT_EMBEDDED', e.message);
          throw e;
        }
        await db.run((tx) =>
          recordAudit(tx, actorOf(req, 'admin'), {
            action: 'database.backup',
            entityType: 'database',
            entityId: db.kind,
            after: { bytes: bytes.length },
          }),
        );
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        return reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="ionmesh-backup-${stamp}.tar.gz"`)
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    );
  };
}
