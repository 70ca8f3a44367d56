// A server whose embedded database thread dies exits non-zero, so its supervisor restarts it,
// rather than staying up answering 503 to every router.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { onPostgres } from './support/harness.js';

describe.skipIf(onPostgres)('a lost embedded database', () => {
  it('ends the process with exit code 70 and says why', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'test/fixtures/lose-database.ts'],
        { timeout: 50_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
    expect(result.stdout).toContain('ready');
    expect(result.stdout).not.toContain('still serving');
    expect(result.code).toBe(70);
    expect(result.stderr).toContain('fatal: the embedded database stopped');
  });
});
