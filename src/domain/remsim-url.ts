// The REST base URL of an osmo-remsim-server. Its API listens on TCP 9997 (REMSIM-SERVER.md), so
// a URL without a port means 9997; a bare host[:port] means http. Normalised so that one
// server has one spelling (the URL is unique in the inventory).
import { invalid } from './errors.js';

export const REMSIM_DEFAULT_PORT = 9997;

/** A DNS label (RFC 1123): letters, digits, hyphens inside, 1..63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** What makes a URL's host no host name or address, or null. WHATWG URLs have already turned
 * numeric IPv4 forms into dotted quads and bracketed IPv6; a name's last label is never all
 * digits and hyphens (`0000-01-01` is a date, not a host). */
export function hostNameProblem(hostname: string): string | null {
  if (hostname.startsWith('[')) return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return null;
  const name = hostname.replace(/\.$/, '');
  const labels = name.split('.');
  if (name.length > 253 || labels.some((l) => !LABEL.test(l)))
    return `"${hostname}" is not a host name (labels of letters, digits and inner hyphens) or an IP address`;
  if (/^[0-9-]+$/.test(labels.at(-1) as string)) return `"${hostname}" is not a host name: its last label is all digits`;
  return null;
}

export function normalizeRemsimUrl(input: string): { url: string } | { problem: string } {
  const text = input.trim();
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return { problem: `"${input}" is not a URL` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { problem: 'remsim-server URL must be http:// or https://' };
  if (!u.hostname) return { problem: 'remsim-server URL needs a host' };
  const hostProblem = hostNameProblem(u.hostname);
  if (hostProblem) return { problem: hostProblem };
  if (u.username || u.password) return { problem: 'remsim-server URL must not carry credentials (the API has none)' };
  if (u.search || u.hash) return { problem: 'remsim-server URL must not have a query or fragment' };
  if (u.pathname !== '/' && u.pathname !== '')
    return { problem: 'remsim-server URL is the server root (the API prefix /api/backend/v1 is added)' };
  // new URL() drops a port equal to the scheme's default; the text says whether one was given.
  const explicitPort = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:]*):([0-9]+)/i.exec(withScheme)?.[2];
  const port = explicitPort === undefined ? REMSIM_DEFAULT_PORT : Number(explicitPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { problem: 'remsim-server URL port must be 1..65535' };
  return { url: `${u.protocol}//${u.hostname}:${port}` };
}

/** The normalised URL, or a 400 naming the problem (field url). */
export function checkRemsimUrl(url: string): string {
  const r = normalizeRemsimUrl(url);
  if ('problem' in r) throw invalid(r.problem, { field: 'url' });
  return r.url;
}
