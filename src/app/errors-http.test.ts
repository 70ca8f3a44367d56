// What an operator reads in the log when a request fails: expected refusals are one line without
// a stack (info for a 4xx, warn for a 503), only unexpected failures are errors with a stack, and
// a failed statement is logged without its parameters (a heartbeat batch's name every client).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { handleError } from './errors-http.js';

function capture(error: unknown) {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => lines.push({ level, obj, msg });
  const req = {
    id: 'req-1',
    log: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') },
  } as unknown as FastifyRequest;
  const sent: { status?: number; body?: string; headers: Record<string, string> } = { headers: {} };
  const reply = {
    code(s: number) {
      sent.status = s;
      return this;
    },
    type() {
      return this;
    },
    header(k: string, v: string) {
      sent.headers[k] = v;
      return this;
    },
    send(b: string) {
      sent.body = b;
      return this;
    },
  } as unknown as FastifyReply;
  handleError(error as never, req, reply);
  return { lines, sent };
}

describe('logs an operator can read', () => {
  it('logs an expected refusal as one line without a stack: info for a 404, warn for a 503', () => {
    const missing = capture(new DomainError('CLIENT_NOT_FOUND', 'No active profile for r1', 404));
    expect(missing.lines).toEqual([
      { level: 'info', obj: { code: 'CLIENT_NOT_FOUND', status: 404, reqId: 'req-1' }, msg: 'request refused' },
    ]);
    const full = capture(new DomainError('NO_SLOT_AVAILABLE', 'No available slot', 503));
    expect(full.lines.map((l) => l.level)).toEqual(['warn']);
    expect(JSON.stringify(full.lines)).not.toMatch(/stack|at .*\.ts/);
    const conflict = capture(new DomainError('CONFLICT', 'taken', 409));
    expect(conflict.lines.map((l) => l.level)).toEqual(['info']);
  });

  it('logs an unexpected failure as an error with its stack, and a failed statement without its parameters', () => {
    const cause = Object.assign(new Error('invalid input syntax for type json'), { code: 'XX000' });
    const failed = Object.assign(
      new Error('Failed query: SELECT * FROM ionmesh_heartbeats($1, ...)\nparams: fleet-001-slot0,fleet-002-slot0'),
      {
        query: 'SELECT * FROM ionmesh_heartbeats($1::text[], $2::int[])',
        params: [
          ['fleet-001-slot0', 'fleet-002-slot0'],
          [1, 1],
        ],
        cause,
      },
    );
    const { lines, sent } = capture(failed);
    expect(sent.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.obj.err).toBe(cause); // pino serialises it with its stack
    expect(lines[0]?.obj.query).toContain('ionmesh_heartbeats');
    expect(JSON.stringify(lines)).not.toContain('fleet-001-slot0');
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After when the database dropped the connection', () => {
    const { lines, sent } = capture(
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    expect(sent.status).toBe(503);
    expect(JSON.parse(sent.body as string).code).toBe('DATABASE_UNAVAILABLE');
    expect(sent.headers['retry-after']).toBe('2');
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });
});
