import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalIp, cidrProblem, enrollmentRefusal, ipInCidrs } from './enrollment.js';

describe('enrollment', () => {
  it('lets anyone register for an open tenant, only listed networks for a cidr tenant, only keys for a key tenant', () => {
    const open = { mode: 'open' as const, cidrs: [], bindSource: true };
    const cidr = { mode: 'cidr' as const, cidrs: ['10.20.0.0/16', '2001:db8::/32'], bindSource: true };
    const key = { mode: 'key' as const, cidrs: [], bindSource: true };
    expect(enrollmentRefusal(open, { ip: '203.0.113.9', keyed: false })).toBeNull();
    expect(enrollmentRefusal(cidr, { ip: '10.20.3.4', keyed: false })).toBeNull();
    expect(enrollmentRefusal(cidr, { ip: '::ffff:10.20.3.4', keyed: false })).toBeNull();
    expect(enrollmentRefusal(cidr, { ip: '2001:db8::7', keyed: false })).toBeNull();
    expect(enrollmentRefusal(cidr, { ip: '10.21.0.1', keyed: false })).toBe('source_not_allowed');
    expect(enrollmentRefusal(cidr, { ip: null, keyed: false })).toBe('source_not_allowed');
    expect(enrollmentRefusal(key, { ip: '10.20.3.4', keyed: false })).toBe('key_required');
    for (const t of [open, cidr, key]) expect(enrollmentRefusal(t, { ip: '198.51.100.1', keyed: true })).toBeNull();
  });

  it('reads networks strictly', () => {
    expect(ipInCidrs('192.0.2.1', ['192.0.2.0/24'])).toBe(true);
    expect(ipInCidrs('192.0.3.1', ['192.0.2.0/24'])).toBe(false);
    expect(ipInCidrs('not-an-ip', ['0.0.0.0/0'])).toBe(false);
    expect(cidrProblem(['192.0.2.0/24', '::/0'])).toBeNull();
    expect(cidrProblem(['192.0.2.0/33'])).toContain('192.0.2.0/33');
    expect(cidrProblem(['example.com'])).toContain('CIDR');
  });

  it('answers the shared vectors as ionmesh_ip_in does, IPv4-mapped addresses as IPv4', () => {
    const { vectors } = JSON.parse(readFileSync(new URL('../../test/fixtures/cidr-vectors.json', import.meta.url), 'utf8')) as {
      vectors: Array<{ ip: string; cidrs: string[]; in: boolean }>;
    };
    for (const v of vectors) expect(ipInCidrs(v.ip, v.cidrs), `${v.ip} in ${v.cidrs.join(',')}`).toBe(v.in);
    expect(canonicalIp('::ffff:192.0.2.5')).toBe('192.0.2.5');
    expect(canonicalIp('2001:db8::1')).toBe('2001:db8::1');
    expect(canonicalIp('not-an-ip')).toBe('not-an-ip');
  });
});
