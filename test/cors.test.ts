// CORS is closed unless origins are configured: no Access-Control headers at all by default; with
// --cors-origin, only the listed origins get them (preflight included).
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../src/app/config.js';
import { type Harness, startIonMesh } from './support/harness.js';

const preflight = (h: Harness, origin: string) =>
  fetch(`${h.url}/api/backend/v1/clients`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
  });

describe('CORS', () => {
  const started: Harness[] = [];
  afterAll(async () => {
    for (const h of started) await h.close();
  });

  it('sends no CORS headers by default, so browsers on other sites cannot call the API', async () => {
    const h = await startIonMesh();
    started.push(h);
    const res = await fetch(`${h.url}/api/backend/v1/remsim/discover`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(h, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the configured origins only', async () => {
    const h = await startIonMesh({ config: { corsOrigins: ['https://noc.example.com'] } });
    started.push(h);
    const ok = await preflight(h, 'https://noc.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://noc.example.com');
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const other = await preflight(h, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an origin that is not exactly scheme://host[:port]', () => {
    expect(() => buildConfig({ corsOrigins: 'https://noc.example.com/path' })).toThrow(ConfigError);
    expect(() => buildConfig({ corsOrigins: '*' })).toThrow(ConfigError);
    expect(buildConfig({ corsOrigins: 'https://a.example, http://b.example:8080' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
  });
});
