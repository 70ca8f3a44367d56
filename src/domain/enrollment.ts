// Who may register a client for a tenant, and from where (docs/security.md). Pure.
import ipaddr from 'ipaddr.js';

export const ENROLLMENT_MODES = ['open', 'cidr', 'key'] as const;
export type EnrollmentMode = (typeof ENROLLMENT_MODES)[number];

export interface TenantEnrollment {
  mode: EnrollmentMode;
  cidrs: string[];
  bindSource: boolean;
}

export interface Caller {
  /** The address the request came from (as the server sees it). */
  ip: string | null;
  /** A valid client API key was presented (for this tenant, or for every tenant). */
  keyed: boolean;
}

/**
 * The one form of a caller's address: an IPv4-mapped IPv6 address (`::ffff:192.0.2.5`, what Node
 * reports on a `::` listener) is the IPv4 address it maps. Every address IonMesh keeps or checks
 * (enrollment, source binding, audit) goes through this first, so TypeScript and SQL
 * (`ionmesh_ip_in`, which applies the same rule) see the same value. Not an address: unchanged.
 */
export function canonicalIp(ip: string): string;
export function canonicalIp(ip: string | null | undefined): string | null;
export function canonicalIp(ip: string | null | undefined): string | null {
  if (!ip || !ipaddr.isValid(ip)) return ip ?? null;
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    return (addr as ipaddr.IPv6).toIPv4Address().toString();
  return ip;
}

/** Whether an address lies in one of the networks (IPv4-mapped IPv6 addresses count as IPv4).
 * The SQL function ionmesh_ip_in answers the same: test/fixtures/cidr-vectors.json holds both to it. */
export function ipInCidrs(ip: string | null, cidrs: string[]): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(canonicalIp(ip));
  return cidrs.some((c) => {
    try {
      const [net, bits] = ipaddr.parseCIDR(c);
      return net.kind() === addr.kind() && addr.match([net, bits] as [ipaddr.IPv4 | ipaddr.IPv6, number] as never);
    } catch {
      return false;
    }
  });
}

/** A CIDR list's first problem, for the admin API (null: all valid). */
export function cidrProblem(cidrs: string[]): string | null {
  for (const c of cidrs) {
    try {
      ipaddr.parseCIDR(c);
    } catch {
      return `"${c}" is not a network in CIDR notation (e.g. 192.0.2.0/24 or 2001:db8::/32)`;
    }
  }
  return null;
}

/** Why a registration is refused (null: allowed). A client key is enough in every mode. */
export function enrollmentRefusal(t: TenantEnrollment, caller: Caller): 'key_required' | 'source_not_allowed' | null {
  if (caller.keyed) return null;
  if (t.mode === 'open') return null;
  if (t.mode === 'key') return 'key_required';
  return ipInCidrs(caller.ip, t.cidrs) ? null : 'source_not_allowed';
}

export type SourceRefusal = 'key_required' | 'source_not_allowed' | 'not_registering_address';

/**
 * Why a keyless caller without a token is refused for a client already registered from
 * `registeredIp` (null: allowed): the enrollment rule, then the tenant's source binding. The SQL
 * function ionmesh_source_refusal (heartbeats) answers the same: test/fixtures/source-vectors.json.
 */
export function sourceRefusal(t: TenantEnrollment, caller: Caller, registeredIp: string | null): SourceRefusal | null {
  const refusal = enrollmentRefusal(t, caller);
  if (refusal || caller.keyed) return refusal;
  return t.bindSource && registeredIp && caller.ip && registeredIp !== caller.ip ? 'not_registering_address' : null;
}
