// One error handler: every error (validation, parsing, domain, database) becomes the compact
// {"status":"error","code":"...","message":"..."} answer. Unexpected errors are logged with the
// request id and answer 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../domain/errors.js';
import { pgErrorOf } from './database.js';

interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
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

const PG_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  '23505': { status: 409, code: 'CONFLICT', message: 'The change conflicts with an existing row' },
  '23503': { status: 409, code: 'CONFLICT', message: 'The change refers to a row that does not exist or is still referenced' },
  '23514': { status: 400, code: 'VALIDATION_ERROR', message: 'A value is out of its allowed range' },
  '22P02': { status: 400, code: 'VALIDATION_ERROR', message: 'A value has the wrong format' },
  '22003': { status: 400, code: 'VALIDATION_ERROR', message: 'A number is out of range' },
  '55P03': { status: 503, code: 'BUSY', message: 'The database is contended; retry' },
  '40P01': { status: 503, code: 'BUSY', message: 'A concurrent change got in the way; retry' },
};

export function classify(error: FastifyError | Error): ErrorAnswer {
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  const fe = error as FastifyError;
  if (fe.validation) return { status: 400, code: 'VALIDATION_ERROR', message: fe.message };
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { ...known, message: fe.message };
  if (error instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: 'INVALID_JSON', message: fe.message };
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

export function handleError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const answer = classify(error);
  if (answer.status >= 500) req.log.error({ err: error, reqId: req.id }, 'request failed');
  else req.log.debug({ code: answer.code, message: answer.message }, 'request refused');
  return reply
    .code(answer.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(errorBody(answer)));
}
