// Where webhooks may post: http(s) URLs without credentials whose host resolves only to public
// addresses, unless the configuration allows private ones (a lab, the tests on loopback).
// Checked when a webhook is saved and again before every delivery (DNS may change).
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

/** Null when the URL's host may be called; else why not. */
export async function targetProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  const problem = webhookUrlProblem(raw);
  if (problem) return problem;
  if (allowPrivate) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `host ${host} does not resolve`;
  }
  const blocked = addresses.filter((a) => !isPublic(a));
  return blocked.length ? `host ${host} is a private, loopback or reserved address (${blocked.join(', ')}); refused` : null;
}
