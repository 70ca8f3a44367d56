// One error handler: every error (validation, parsing, domain, database) becomes the compact
// {"status":"error","code":"...","message":"..."} answer. Unexpected errors are logged with the
// request id and answer 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../domain/errors.js';
import { isDatabaseUnavailable, pgErrorOf } from './database.js';

interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  /** Sent as Retry-After (seconds). */
  retryAfterSec?: number;
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'VALIDATION_ERROR' },
  FST_ERR_BAD_URL: { status: 400, code: 'VALIDATION_ERROR' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG' },
};

const PG_CODES: Record<string, ErrorAnswer> = {
  '23505': { status: 409, code: 'CONFLICT', message: 'The change conflicts with an existing row' },
  '23503': { status: 409, code: 'CONFLICT', message: 'The change refers to a row that does not exist or is still referenced' },
  '23514': { status: 400, code: 'VALIDATION_ERROR', message: 'A value is out of its allowed range' },
  '22P02': { status: 400, code: 'VALIDATION_ERROR', message: 'A value has the wrong format' },
  '22003': { status: 400, code: 'VALIDATION_ERROR', message: 'A number is out of range' },
  '55P03': { status: 503, code: 'BUSY', message: 'The database is contended; retry', retryAfterSec: 1 },
  '40P01': { status: 503, code: 'BUSY', message: 'A concurrent change got in the way; retry', retryAfterSec: 1 },
};

export function classify(error: FastifyError | Error): ErrorAnswer {
  if (error instanceof DomainError) {
    const retry = error.details?.retry_after_sec;
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      details: error.details,
      ...(typeof retry === 'number' ? { retryAfterSec: retry } : {}),
    };
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    // "must NOT have additional properties" says nothing of which: the answer names them.
    const extra = fe.validation
      .filter((v) => v.keyword === 'additionalProperties')
      .map((v) => (v.params as { additionalProperty?: string }).additionalProperty)
      .filter(Boolean);
    const message = extra.length ? `${fe.message}: ${[...new Set(extra)].join(', ')}` : fe.message;
    return { status: 400, code: 'VALIDATION_ERROR', message };
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { ...known, message: fe.message };
  if (error instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: 'INVALID_JSON', message: fe.message };
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database cannot be reached right now; retry shortly',
      retryAfterSec: 2,
    };
  const pg = pgErrorOf(error);
  if (pg?.code && PG_CODES[pg.code]) return { ...(PG_CODES[pg.code] as ErrorAnswer) };
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: 'VALIDATION_ERROR', message: fe.message };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Unexpected server error; see the log for the request id' };
}

export function errorBody(a: Pick<ErrorAnswer, 'code' | 'message' | 'details'>) {
  return { status: 'error' as const, code: a.code, message: a.message, ...a.details };
}

/**
 * An error as it goes into the log: a failed statement is logged by its database error and the
 * first characters of its SQL, never with its parameters (a heartbeat batch's would name every
 * client in it, and parameters may hold secrets).
 */
export function loggable(error: unknown): { err: unknown; query?: string } {
  const e = error as { name?: string; query?: unknown; cause?: unknown };
  if (e && typeof e.query === 'string' && e.cause !== undefined)
    return { err: e.cause, query: e.query.replace(/\s+/g, ' ').slice(0, 160) };
  return { err: error };
}

/** What is read of a refused body, at most, so that its sender reads the 413 instead of a reset. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 5000;

/** Reads and discards the rest of a request body (bounded in bytes and time): a server that
 * answers and closes while the client still sends makes the client's TCP stack reset the
 * connection, and most clients then never read the answer. */
function drain(raw: FastifyRequest['raw']): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', done);
      raw.off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MAX_MS);
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('error', done);
    raw.resume();
  });
}

const mib = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`;

export async function handleError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const answer = classify(error);
  if (answer.code === 'BODY_TOO_LARGE') {
    const limit = req.routeOptions.bodyLimit ?? req.server.initialConfig.bodyLimit ?? 0;
    answer.message = `The body is over this route's limit of ${mib(limit)} (${limit} bytes)`;
    answer.details = { ...answer.details, limit_bytes: limit };
    reply.header('connection', 'close');
    await drain(req.raw);
  }
  // Expected refusals (a domain rule, bad input, a busy or unreachable database) are one line
  // without a stack; only an unexpected failure is an error with its stack.
  if (answer.code === 'INTERNAL_ERROR') req.log.error({ ...loggable(error), reqId: req.id }, 'request failed');
  else if (answer.status >= 500) req.log.warn({ code: answer.code, message: answer.message, reqId: req.id }, 'request refused');
  else req.log.info({ code: answer.code, status: answer.status, reqId: req.id }, 'request refused');
  if (answer.retryAfterSec !== undefined) reply.header('retry-after', String(answer.retryAfterSec));
  return reply
    .code(answer.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(errorBody(answer)));
}
