// The deployed osmo-remsim-client-openwrt IonMesh module, re-implemented byte for byte
// (CLIENT-CONTRACT.md): the request bytes it sends over raw HTTP/1.1, and how it reads the
// register answer with strstr/sscanf. Used as a test oracle and by the fleet simulator.
import { connect } from 'node:net';

export interface ParsedRegister {
  bank_id: number;
  slot_id: number;
  iccid: string;
  imsi: string;
  bankd_host: string;
  bankd_port: number;
  mapping_mode: string;
}

export interface ClientReading {
  client_accepts: boolean;
  register_rc: number;
  parsed: ParsedRegister;
}

const EMPTY: ParsedRegister = { bank_id: 0, slot_id: 0, iccid: '', imsi: '', bankd_host: '', bankd_port: 0, mapping_mode: '' };

/** sscanf("%d"): skips white space, optional sign, digits; 0 when nothing matches. */
function scanInt(text: string): number {
  const m = /^\s*([+-]?[0-9]+)/.exec(text);
  return m ? Number.parseInt(m[1] as string, 10) : 0;
}

/** strstr(key) then sscanf("%d"). */
function intAfter(body: string, key: string): number {
  const i = body.indexOf(key);
  return i < 0 ? 0 : scanInt(body.slice(i + key.length));
}

/** strstr(key) then read to the next quote into a 32-byte buffer: longer values are left empty. */
function stringAfter(body: string, key: string, max = 31): string {
  const i = body.indexOf(key);
  if (i < 0) return '';
  const rest = body.slice(i + key.length);
  const end = rest.indexOf('"');
  const value = end < 0 ? rest : rest.slice(0, end);
  return value.length > max ? '' : value;
}

/** [scheme://]host[:port]; no port means 9999; the port read with sscanf("%d"). */
function parseEndpoint(endpoint: string): { host: string; port: number } {
  const scheme = endpoint.indexOf('://');
  const rest = scheme >= 0 ? endpoint.slice(scheme + 3) : endpoint;
  const colon = rest.indexOf(':');
  if (colon < 0) return { host: rest, port: rest ? 9999 : 0 };
  return { host: rest.slice(0, colon), port: scanInt(rest.slice(colon + 1)) };
}

export function readRegisterAnswer(httpStatus: number, body: string): ClientReading {
  if (httpStatus !== 200 || body.length === 0) return { client_accepts: false, register_rc: -1, parsed: { ...EMPTY } };
  if (body.includes('"status":"error"')) return { client_accepts: false, register_rc: -5, parsed: { ...EMPTY } };
  const endpoint = stringAfter(body, '"bankd_endpoint":"', 255);
  const { host, port } = parseEndpoint(endpoint);
  const parsed: ParsedRegister = {
    bank_id: intAfter(body, '"bank_id":'),
    slot_id: intAfter(body, '"slot_id":'),
    iccid: stringAfter(body, '"iccid":"'),
    imsi: stringAfter(body, '"imsi":"'),
    bankd_host: host,
    bankd_port: port,
    mapping_mode: stringAfter(body, '"mapping_mode":"'),
  };
  const ok = parsed.bank_id !== 0 && parsed.slot_id !== 0 && parsed.bankd_host !== '' && parsed.bankd_port !== 0;
  return { client_accepts: ok, register_rc: ok ? 0 : -22, parsed };
}

export interface DeployedClientConfig {
  host: string;
  port: number;
  tenantId?: number;
  mappingMode?: string;
  mccMnc?: string;
}

/** The register body exactly as the module formats it (values inserted without escaping). */
export function registerBody(clientId: string, c: Omit<DeployedClientConfig, 'host' | 'port'>): string {
  return `{"client_id":"${clientId}","mapping_mode":"${c.mappingMode ?? 'ONE_TO_ONE_SWSIM'}","mcc_mnc":"${c.mccMnc ?? ''}","tenant_id":${c.tenantId ?? 1}}`;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 exchange over a raw socket, with the headers libcurl sends and nothing else. */
export function rawRequest(
  host: string,
  port: number,
  method: string,
  path: string,
  body?: string,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const head = [`${method} ${path} HTTP/1.1`, `Host: ${host}:${port}`, 'Accept: */*'];
  if (body !== undefined) head.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  const request = `${head.join('\r\n')}\r\n\r\n${body ?? ''}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    const tryParse = () => {
      const data = Buffer.concat(chunks);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = data.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number((lines[0] ?? '').split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const c = l.indexOf(':');
        headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (data.length - end - 4 < length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, headers, body: data.subarray(end + 4, end + 4 + length).toString('utf8') });
    };
    socket.on('connect', () => socket.write(request));
    socket.on('data', (d) => {
      chunks.push(d);
      tryParse();
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** One router's IonMesh module: register (once), heartbeat (exists, unused by deployed builds), unregister. */
export class DeployedClient {
  constructor(
    readonly clientId: string,
    private readonly config: DeployedClientConfig,
  ) {}

  async register() {
    const answer = await rawRequest(
      this.config.host,
      this.config.port,
      'POST',
      '/api/backend/v1/remsim/register-client',
      registerBody(this.clientId, this.config),
    );
    return { answer, reading: readRegisterAnswer(answer.status, answer.body) };
  }

  heartbeat() {
    return rawRequest(
      this.config.host,
      this.config.port,
      'POST',
      '/api/backend/v1/remsim/heartbeat',
      `{"client_id":"${this.clientId}","status":"active"}`,
    );
  }

  /** The client id goes into the path as it is, not URL-encoded. */
  unregister() {
    return rawRequest(this.config.host, this.config.port, 'DELETE', `/api/backend/v1/remsim/unregister/${this.clientId}`);
  }
}
