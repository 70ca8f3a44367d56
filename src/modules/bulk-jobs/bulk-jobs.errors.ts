// Errors of bulk jobs.
import { conflict, notFound } from '../../domain/errors.js';

export const jobNotFound = (id: number) => notFound('JOB_NOT_FOUND', `Bulk job ${id} does not exist`);
export const jobFinished = (id: number, state: string) =>
  conflict('JOB_FINISHED', `Bulk job ${id} is ${state} already`, { state });
export const targetChanged = (expected: number, now: number) =>
  conflict(
    'JOB_TARGET_CHANGED',
    `The selector names ${now} object(s) now, not the ${expected} the dry run counted: dry-run again`,
    { expected_total: expected, total: now },
  );
