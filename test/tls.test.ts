// HTTPS and mutual TLS with certificates made for the test (openssl): the server serves HTTPS
// only; with --tls-client-ca a router's certificate is its credential and its CN the only client
// id it may use; browsers and scripts reach the admin API with keys and no certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as plainRequest } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClientHttp, listenClientHttp } from '../src/app/client-listener.js';
import { buildConfig } from '../src/app/config.js';
import { ADMIN_KEY, type Harness, onPostgres, startIonMesh } from './support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ionmesh-tls-'));
const file = (name: string) => join(dir, name);
const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1 and router certificates signed by it (or not). */
function makeCertificates() {
  const ca = (name: string) => {
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    );
  };
  const signed = (name: string, cn: string, by: string, ext?: string) => {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    const extArgs = ext ? ['-extfile', `${name}.ext`] : [];
    if (ext) writeFileSync(file(`${name}.ext`), ext);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${by}.crt`,
      '-CAkey',
      `${by}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      ...extArgs,
    );
  };
  ca('ca');
  ca('rogue-ca');
  signed('server', '127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  signed('router', 'cert-router-1', 'ca', 'extendedKeyUsage=clientAuth\n');
  signed('rogue', 'cert-router-1', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
  json: any;
}

describe.runIf(hasOpenssl && !onPostgres)('HTTPS and mutual TLS', () => {
  let h: Harness;
  const call = (method: string, path: string, opts: { body?: unknown; cert?: string; headers?: Record<string, string> } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = request(
        {
          host: '127.0.0.1',
          port: h.port,
          method,
          path,
          ca: readFileSync(file('ca.crt')),
          ...(opts.cert ? { cert: readFileSync(file(`${opts.cert}.crt`)), key: readFileSync(file(`${opts.cert}.key`)) } : {}),
          headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
          agent: false,
        },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  beforeAll(async () => {
    makeCertificates();
    h = await startIonMesh({
      config: { tlsCert: file('server.crt'), tlsKey: file('server.key'), tlsClientCa: file('ca.crt') },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves HTTPS only', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    const plain = await new Promise<string>((resolve) => {
      const req = plainRequest({ host: '127.0.0.1', port: h.port, path: '/healthz' }, (res) => resolve(String(res.statusCode)));
      req.on('error', (e) => resolve(e.message));
      req.end();
    });
    expect(plain).not.toBe('200');
  });

  it('takes a router by its certificate, for the client id of its CN only', async () => {
    const body = { client_id: 'cert-router-1', tenant_id: 1 };
    const ok = await call('POST', '/api/backend/v1/remsim/register-client', { body, cert: 'router' });
    expect(ok.status).toBe(200);
    expect(ok.json.client_token).toBeUndefined(); // its certificate is its credential
    expect(
      (await call('POST', '/api/backend/v1/remsim/heartbeat', { body: { client_id: 'cert-router-1' }, cert: 'router' })).status,
    ).toBe(200);
    const other = await call('POST', '/api/backend/v1/remsim/register-client', {
      body: { client_id: 'cert-router-2', tenant_id: 1 },
      cert: 'router',
    });
    expect(other).toMatchObject({ status: 403, json: { code: 'CLIENT_CERT_MISMATCH' } });
    const none = await call('POST', '/api/backend/v1/remsim/heartbeat', { body: { client_id: 'cert-router-1' } });
    expect(none).toMatchObject({ status: 401, json: { code: 'CLIENT_CERT_REQUIRED' } });
    const rogue = await call('POST', '/api/backend/v1/remsim/heartbeat', { body: { client_id: 'cert-router-1' }, cert: 'rogue' });
    expect(rogue).toMatchObject({ status: 401, json: { code: 'CLIENT_CERT_REQUIRED' } });
    expect((await call('DELETE', '/api/backend/v1/remsim/unregister/cert-router-2', { cert: 'router' })).status).toBe(403);
  });

  it('lets the admin API and the console be reached with a key and no certificate', async () => {
    expect((await call('GET', '/api/backend/v1/tenants', { headers: { 'x-api-key': ADMIN_KEY } })).status).toBe(200);
    expect((await call('GET', '/api/backend/v1/remsim/discover')).status).toBe(200);
  });
});

describe.runIf(hasOpenssl && !onPostgres)('HTTPS with a plain-HTTP listener for deployed routers (--client-http-port)', () => {
  let h: Harness;
  let plain: { server: import('node:http').Server; port: number };
  const plainCall = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${plain.port}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });

  beforeAll(async () => {
    makeCertificates();
    h = await startIonMesh({ config: { tlsCert: file('server.crt'), tlsKey: file('server.key') } });
    plain = await listenClientHttp(h.app, { port: 0, host: '127.0.0.1', requestTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    if (plain) await closeClientHttp(plain.server);
    await h?.close();
  });

  it('lets a deployed router register and heartbeat over http://, and serves nothing else there', async () => {
    const reg = await plainCall('POST', '/api/backend/v1/remsim/register-client', {
      client_id: 'plain-router-slot0',
      tenant_id: 1,
    });
    expect(reg.status).toBe(200);
    expect(((await reg.json()) as { status: string }).status).toBe('success');
    expect((await plainCall('POST', '/api/backend/v1/remsim/heartbeat', { client_id: 'plain-router-slot0' })).status).toBe(200);
    expect((await plainCall('GET', '/api/backend/v1/remsim/discover')).status).toBe(200);
    for (const path of ['/api/backend/v1/clients', '/healthz', '/metrics', '/', '/api/backend/v1/remsim']) {
      const res = await fetch(`http://127.0.0.1:${plain.port}${path}`, { headers: { 'x-api-key': ADMIN_KEY } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { message: string }).message).toContain('client API');
    }
  });

  it('is refused where it makes no sense: without TLS, with client certificates, on the main port', () => {
    expect(() => buildConfig({ clientHttpPort: 8080 })).toThrow(/client-http-port is for HTTPS/);
    expect(() => buildConfig({ clientHttpPort: 8080, tlsCert: 'a', tlsKey: 'b', tlsClientCa: 'c' })).toThrow(
      /certificate is their credential/,
    );
    expect(() => buildConfig({ clientHttpPort: 5000, port: 5000, tlsCert: 'a', tlsKey: 'b' })).toThrow(/differ from port/);
  });
});
