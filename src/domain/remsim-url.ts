// The REST base URL of an osmo-remsim-server. Its API listens on TCP 9997 (REMSIM-SERVER.md), so
// a URL without a port means 9997; a bare host[:port] means http. Normalised so that one
// server has one spelling (the URL is unique in the inventory).
import { invalid } from './errors.js';

export const REMSIM_DEFAULT_PORT = 9997;

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
