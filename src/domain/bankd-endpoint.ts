// The bankd endpoint handed to routers. The deployed client parses it as [scheme://]host[:port]
// with sscanf: an empty host, a port of 0 or text as port fail registration, and an IPv6
// literal is misparsed. Only endpoints it reads correctly are accepted.

export const BANKD_ENDPOINT_PATTERN = '^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$';

export function bankdEndpointProblem(endpoint: string): string | null {
  const m = /^([A-Za-z0-9.-]{1,253}):([0-9]{1,5})$/.exec(endpoint);
  if (!m) return 'bankd endpoint must be host:port (hostname or IPv4, no scheme, no IPv6 literal)';
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return 'bankd endpoint port must be 1..65535';
  return null;
}
