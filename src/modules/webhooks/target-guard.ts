// Where webhooks may post: http(s) URLs without credentials whose host resolves only to public
// addresses, unless the configuration allows private ones (a lab, the tests on loopback).
// Checked when a webhook is saved and again before every delivery (DNS may change). A delivery
// resolves the name once, checks those addresses, and connects to the one it checked: no second
// lookup that a rebinding DNS server could answer with a private address (pinnedLookup).
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export function webhookUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'url is not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'url must be http:// or https://';
  if (u.username || u.password) return 'url must not carry credentials (the signature authenticates IonMesh)';
  return null;
}

const isPublic = (address: string) => {
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
};

/** Resolves a host name to all its addresses (the system resolver; tests inject their own). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;
export const systemResolver: Resolver = (host) => lookup(host, { all: true });

/** A checked target: the address to connect to, or why the URL may not be called. */
export type Target = { problem: string } | { problem: null; address: string; family: 4 | 6 };

/** Resolves the URL's host once and checks every address it has; the first is the one to use. */
export async function resolveTarget(raw: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<Target> {
  const problem = webhookUrlProblem(raw);
  if (problem) return { problem };
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
      : await resolve(host);
  } catch {
    return { problem: `host ${host} does not resolve` };
  }
  const [first] = addresses;
  if (!first) return { problem: `host ${host} does not resolve` };
  const blocked = allowPrivate ? [] : addresses.filter((a) => !isPublic(a.address)).map((a) => a.address);
  if (blocked.length)
    return { problem: `host ${host} is a private, loopback or reserved address (${blocked.join(', ')}); refused` };
  return { problem: null, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Null when the URL's host may be called; else why not (saving a webhook). */
export async function targetProblem(raw: string, allowPrivate: boolean, resolve?: Resolver): Promise<string | null> {
  return (await resolveTarget(raw, allowPrivate, resolve)).problem;
}

/** A `lookup` for node's http(s).request that answers the checked address and nothing else. */
export const pinnedLookup =
  (address: string, family: 4 | 6) =>
  (
    _host: string,
    options: { all?: boolean },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) =>
    options?.all ? callback(null, [{ address, family }]) : callback(null, address, family);
