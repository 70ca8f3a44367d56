// A remsim-server that cannot be reached says why: a name that does not resolve backs off (like a
// wrong answer) with that reason; a refused or cut connection is the network's, probed again.
import { describe, expect, it } from 'vitest';
import { fetchFailure } from './remsim-api.js';

const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('a request to a remsim-server that gets no answer', () => {
  it('names a host that does not resolve, and backs off from it', () => {
    const e = fetchFailure('http://fuzz57:9997', 'GET /banks', failed('ENOTFOUND'));
    expect(e).toMatchObject({ kind: 'answer', message: 'the host name fuzz57 does not resolve (ENOTFOUND)' });
  });

  it('leaves a refused connection to the network probe', () => {
    const e = fetchFailure('http://127.0.0.1:9997', 'GET /banks', failed('ECONNREFUSED'));
    expect(e).toMatchObject({ kind: 'network', message: 'GET /banks: ECONNREFUSED' });
  });
});
