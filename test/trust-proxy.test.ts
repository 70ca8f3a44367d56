// Behind a reverse proxy: with --trust-proxy the caller's address comes from X-Forwarded-For when
// the request arrives from a listed proxy, so enrollment, source binding, rate limits and the
// audit see the router; without it, the header is ignored (a caller cannot claim an address).
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../src/app/config.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

async function siteTenant(h: Harness) {
  const tenant = { id: 5, name: 'behind a proxy', enrollment_mode: 'cidr', enrollment_cidrs: ['10.9.0.0/16'] };
  expect((await h.admin('/tenants', json(tenant))).status).toBe(200);
  const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
  const bank = {
    bank_id: 55,
    name: 'proxied bank',
    tenant_id: 5,
    bankd_instance_id: bankd?.id,
    slot_count: 4,
    unknown_cards_present: true,
  };
  expect((await h.admin('/banks', json(bank))).status).toBe(200);
}

const register = (h: Harness, clientId: string, forwardedFor?: string) =>
  fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ client_id: clientId, tenant_id: 5 }),
  });

describe('X-Forwarded-For', () => {
  const started: Harness[] = [];
  afterAll(async () => {
    for (const h of started) await h.close();
  });

  it('is believed from a trusted proxy: the router behind it enrolls, and the audit names it', async () => {
    const h = await startIonMesh({ config: { trustProxy: ['127.0.0.1'] } });
    started.push(h);
    await siteTenant(h);
    expect((await register(h, 'proxied-1', '10.9.1.2')).status).toBe(200);
    expect((await register(h, 'proxied-2')).status).toBe(403); // the proxy itself is not in the site's networks
    const [audit] = await h.query<{ source_ip: string }>(
      sql`SELECT source_ip FROM audit_log WHERE action = 'client.register' AND entity_id IN
            (SELECT profile_id::text FROM service_profiles WHERE client_id = 'proxied-1')`,
    );
    expect(audit?.source_ip).toBe('10.9.1.2');
  });

  it('is ignored without --trust-proxy: a caller cannot claim an address', async () => {
    const h = await startIonMesh();
    started.push(h);
    await siteTenant(h);
    const res = await register(h, 'claims-1', '10.9.1.2');
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('ENROLLMENT_REFUSED');
  });

  it('refuses a proxy list that would believe everyone, or is not addresses', () => {
    expect(() => buildConfig({ trustProxy: '0.0.0.0/0' })).toThrow(ConfigError);
    expect(() => buildConfig({ trustProxy: 'proxy.example' })).toThrow(ConfigError);
    expect(() => buildConfig({ trustProxy: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(buildConfig({ trustProxy: '10.0.0.5, 192.0.2.0/24,::1' }).trustProxy).toEqual(['10.0.0.5', '192.0.2.0/24', '::1']);
  });
});

describe('an IPv4-mapped address (what Node reports on a :: listener)', () => {
  it('enrolls a router by CIDR and then takes its heartbeats (the SQL check once disagreed)', async () => {
    const h = await startIonMesh({ config: { trustProxy: ['127.0.0.1'] } });
    try {
      await siteTenant(h); // tenant 5 enrolls from 10.9.0.0/16, binding sources
      const mapped = '::ffff:10.9.0.7';
      const reg = await register(h, 'mapped-slot0', mapped);
      expect(reg.status).toBe(200);
      const hb = await fetch(`${h.url}/api/backend/v1/remsim/heartbeat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': mapped },
        body: JSON.stringify({ client_id: 'mapped-slot0' }),
      });
      expect(hb.status).toBe(200);
      const [p] = await h.query<{ client_ip_address: string }>(
        sql`SELECT client_ip_address FROM service_profiles WHERE client_id = 'mapped-slot0' AND status = 'ACTIVE'`,
      );
      expect(p?.client_ip_address).toBe('10.9.0.7'); // kept in its one form
    } finally {
      await h.close();
    }
  });
});

describe('discovery behind a proxy', () => {
  const discover = (h: Harness) =>
    fetch(`${h.url}/api/backend/v1/remsim/discover`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ionmesh.example.net' },
    }).then(async (r) => ((await r.json()) as { api_endpoint: string }).api_endpoint);

  it('names the URL the router reached when the proxy is trusted, and the direct one otherwise', async () => {
    const trusted = await startIonMesh({ config: { trustProxy: ['127.0.0.1'] } });
    const plain = await startIonMesh();
    try {
      expect(await discover(trusted)).toBe('https://ionmesh.example.net/api/backend/v1/remsim');
      expect(await discover(plain)).toBe(`http://127.0.0.1:${plain.port}/api/backend/v1/remsim`);
    } finally {
      await trusted.close();
      await plain.close();
    }
  });
});
