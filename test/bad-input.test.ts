// Bad input on every endpoint gets a 4xx with a machine-readable code and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../src/sim/openwrt-client.js';
import { ADMIN_KEY, type Harness, snapshot, startIonMesh } from './support/harness.js';

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string | null;
  admin?: boolean;
  status: number;
  code: string;
}

const reg = '/api/backend/v1/remsim/register-client';
const hb = '/api/backend/v1/remsim/heartbeat';
const longId = 'r'.repeat(256);

const cases: Case[] = [
  { name: 'register: invalid JSON', method: 'POST', path: reg, body: '{"client_id":', status: 400, code: 'INVALID_JSON' },
  { name: 'register: empty body', method: 'POST', path: reg, body: '', status: 400, code: 'INVALID_JSON' },
  {
    name: 'register: JSON that is not an object',
    method: 'POST',
    path: reg,
    body: '[1,2]',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: missing client_id',
    method: 'POST',
    path: reg,
    body: '{"mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: tenant_id as a string',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":"1"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: client_id as a number',
    method: 'POST',
    path: reg,
    body: '{"client_id":12,"tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: unknown mapping mode',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","mapping_mode":"MANY_TO_ONE","mcc_mnc":"","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: client_id over 255 characters',
    method: 'POST',
    path: reg,
    body: `{"client_id":"${longId}","tenant_id":1}`,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: client_id with a control character',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1\\u0001-slot0","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: client_id with a space',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1 slot0","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: empty client_id',
    method: 'POST',
    path: reg,
    body: '{"client_id":"","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: garbage mcc_mnc',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","mcc_mnc":"31O41","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: tenant 0',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":0}',
    status: 404,
    code: 'TENANT_NOT_FOUND',
  },
  {
    name: 'register: unknown tenant',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":99}',
    status: 404,
    code: 'TENANT_NOT_FOUND',
  },
  {
    name: 'register: negative tenant',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":-1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: tenant beyond int32',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":99999999999}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: fractional tenant',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":1.5}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: preferred bank out of range',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":1,"preferred_bank_id":1024}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: hardware_info not an object',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","tenant_id":1,"hardware_info":"fm350"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: KI proxy mode without mcc_mnc',
    method: 'POST',
    path: reg,
    body: '{"client_id":"r1-slot0","mapping_mode":"KI_PROXY_SWSIM","mcc_mnc":"","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'register: KI proxy mode for a carrier no pool serves',
    method: 'POST',
    path: reg,
    body: '{"client_id":"ki9-slot0","mapping_mode":"KI_PROXY_SWSIM","mcc_mnc":"310410","tenant_id":1}',
    status: 404,
    code: 'NO_POOL_FOR_CARRIER',
  },
  {
    name: 'register: wrong content type',
    method: 'POST',
    path: reg,
    body: 'client_id=r1',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'register: body over the limit',
    method: 'POST',
    path: reg,
    body: `{"client_id":"r1-slot0","hardware_info":{"x":"${'a'.repeat(1_100_000)}"}}`,
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  { name: 'register: GET instead of POST', method: 'GET', path: reg, status: 404, code: 'NOT_FOUND' },
  { name: 'heartbeat: invalid JSON', method: 'POST', path: hb, body: '{', status: 400, code: 'INVALID_JSON' },
  {
    name: 'heartbeat: missing client_id',
    method: 'POST',
    path: hb,
    body: '{"status":"active"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'heartbeat: unknown client',
    method: 'POST',
    path: hb,
    body: '{"client_id":"nobody-slot0","status":"active"}',
    status: 404,
    code: 'CLIENT_NOT_FOUND',
  },
  {
    name: 'heartbeat: stats not an object',
    method: 'POST',
    path: hb,
    body: '{"client_id":"nobody-slot0","stats":[1]}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'heartbeat: status with odd bytes',
    method: 'POST',
    path: hb,
    body: '{"client_id":"nobody-slot0","status":"a\\"b"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'unregister: unknown client',
    method: 'DELETE',
    path: '/api/backend/v1/remsim/unregister/nobody-slot0',
    status: 404,
    code: 'CLIENT_NOT_FOUND',
  },
  {
    name: 'unregister: client_id with a percent-encoded space',
    method: 'DELETE',
    path: '/api/backend/v1/remsim/unregister/a%20b',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'unregister: tenant that is not a number',
    method: 'DELETE',
    path: '/api/backend/v1/remsim/unregister/r1-slot0?tenant_id=x',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  { name: 'admin: no API key', method: 'GET', path: '/api/backend/v1/banks', admin: false, status: 401, code: 'UNAUTHORIZED' },
  {
    name: 'admin: create tenant without a key',
    method: 'POST',
    path: '/api/backend/v1/tenants',
    body: '{"name":"x"}',
    admin: false,
    status: 401,
    code: 'UNAUTHORIZED',
  },
  {
    name: 'admin: bank id 0',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":0,"name":"b","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bank id 1024',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":1024,"name":"b","tenant_id":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bank slot_count over 1024',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":5,"name":"b","tenant_id":1,"slot_count":1025}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bank of an unknown tenant',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":5,"name":"b","tenant_id":77,"slot_count":4}',
    status: 404,
    code: 'TENANT_NOT_FOUND',
  },
  {
    name: 'admin: bank of an unknown bankd',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":5,"name":"b","tenant_id":1,"bankd_instance_id":77,"slot_count":4}',
    status: 404,
    code: 'BANKD_NOT_FOUND',
  },
  {
    name: 'admin: bank that exists',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":1,"name":"b","tenant_id":1,"slot_count":4}',
    status: 409,
    code: 'BANK_EXISTS',
  },
  {
    name: 'admin: bank with an unknown field',
    method: 'POST',
    path: '/api/backend/v1/banks',
    body: '{"bank_id":5,"name":"b","tenant_id":1,"slots":4}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bankd endpoint with an IPv6 literal',
    method: 'POST',
    path: '/api/backend/v1/bankd-instances',
    body: '{"name":"v6","endpoint":"[2001:db8::1]:9999"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bankd endpoint without a port',
    method: 'POST',
    path: '/api/backend/v1/bankd-instances',
    body: '{"name":"np","endpoint":"bankd.example"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bankd endpoint with port 0',
    method: 'POST',
    path: '/api/backend/v1/bankd-instances',
    body: '{"name":"p0","endpoint":"bankd.example:0"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: bankd remsim URL that is not http',
    method: 'POST',
    path: '/api/backend/v1/bankd-instances',
    body: '{"name":"u","endpoint":"b:9999","remsim_server_url":"ftp://x"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot ICCID with a wrong Luhn digit',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"iccid":"8901410000000010031"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot ICCID without 89',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"iccid":"1234567890123456789"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot IMSI of another carrier',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"imsi":"311480000001003"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot IMSI of 16 digits',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"imsi":"3104100000010031"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot status assigned by hand',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"status":"assigned"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot ICCID held by another slot',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{"iccid":"8901410000000010004"}',
    status: 409,
    code: 'DUPLICATE_ICCID',
  },
  {
    name: 'admin: empty slot patch',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/3',
    body: '{}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot 1024',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/1024',
    body: '{"carrier":"x"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: slot that does not exist',
    method: 'PATCH',
    path: '/api/backend/v1/banks/1/slots/500',
    body: '{"carrier":"x"}',
    status: 404,
    code: 'SLOT_NOT_FOUND',
  },
  { name: 'admin: tenant id 0', method: 'GET', path: '/api/backend/v1/tenants/0', status: 400, code: 'VALIDATION_ERROR' },
  {
    name: 'admin: tenant that exists',
    method: 'POST',
    path: '/api/backend/v1/tenants',
    body: '{"id":1,"name":"again"}',
    status: 409,
    code: 'TENANT_EXISTS',
  },
  {
    name: 'admin: delete a tenant in use',
    method: 'DELETE',
    path: '/api/backend/v1/tenants/1',
    status: 409,
    code: 'TENANT_IN_USE',
  },
  {
    name: 'admin: delete a bankd in use',
    method: 'DELETE',
    path: '/api/backend/v1/bankd-instances/1',
    status: 409,
    code: 'BANKD_IN_USE',
  },
  {
    name: 'admin: list limit over 1000',
    method: 'GET',
    path: '/api/backend/v1/slots?limit=5000',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: filter on an unknown status',
    method: 'GET',
    path: '/api/backend/v1/clients?status=sleeping',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: audit since that is no date',
    method: 'GET',
    path: '/api/backend/v1/audit-log?since=yesterday',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: import with a JSON body',
    method: 'POST',
    path: '/api/backend/v1/sim-imports',
    body: '{"a":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: import as form data',
    method: 'POST',
    path: '/api/backend/v1/sim-imports',
    body: 'a=1',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'admin: remsim-server URL with a path',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"url":"http://10.0.0.1:9997/api/backend/v1"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: remsim-server URL whose host is a date, not a name',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"url":"0000-01-01"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: remsim-server URL whose host has characters no name has',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"url":"http://remsim_1.example:9997"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: remsim-server URL of another scheme',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"url":"ftp://10.0.0.1"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: remsim-server with an unknown field',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"url":"http://10.0.0.1","takeover":true}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: remsim-server that exists (same URL, other spelling)',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers',
    body: '{"name":"again","url":"127.0.0.1"}',
    status: 409,
    code: 'REMSIM_SERVER_EXISTS',
  },
  {
    name: 'admin: delete a remsim-server in use',
    method: 'DELETE',
    path: '/api/backend/v1/remsim-servers/1',
    status: 409,
    code: 'REMSIM_SERVER_IN_USE',
  },
  {
    name: 'admin: reconcile an unknown remsim-server',
    method: 'POST',
    path: '/api/backend/v1/remsim-servers/77/reconcile',
    status: 404,
    code: 'REMSIM_SERVER_NOT_FOUND',
  },
  {
    name: 'admin: bankd naming a remsim-server by id and by URL',
    method: 'POST',
    path: '/api/backend/v1/bankd-instances',
    body: '{"name":"both","endpoint":"10.0.0.2:9999","remsim_server_id":1,"remsim_server_url":"http://10.0.0.2"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: reassign an unknown client',
    method: 'POST',
    path: '/api/backend/v1/clients/nobody-slot0/reassign',
    body: '{}',
    status: 404,
    code: 'CLIENT_NOT_FOUND',
  },
  {
    name: 'admin: reassign to slot 1024',
    method: 'POST',
    path: '/api/backend/v1/clients/nobody-slot0/reassign',
    body: '{"bank_id":1,"slot_id":1024}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'admin: reassign with an unknown field',
    method: 'POST',
    path: '/api/backend/v1/clients/nobody-slot0/reassign',
    body: '{"bank":1}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
];

describe('bad input', () => {
  let h: Harness;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    h = await startIonMesh();
    // One registered router, so a refused request has something it could have broken.
    const r = await fetch(`${h.url}${reg}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":"r1-slot0","tenant_id":1}',
    });
    expect(r.status).toBe(200);
    before = await snapshot(h);
  });
  afterAll(() => h.close());

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const headers: Record<string, string> = {};
    if (c.admin !== false && c.path.startsWith('/api/backend/v1/') && !c.path.startsWith('/api/backend/v1/remsim/'))
      headers['x-api-key'] = ADMIN_KEY;
    if (c.body !== undefined && c.contentType !== null) headers['content-type'] = c.contentType ?? 'application/json';
    const res = await fetch(`${h.url}${c.path}`, { method: c.method, headers, body: c.body });
    const text = await res.text();
    expect({ status: res.status, code: JSON.parse(text).code }).toEqual({ status: c.status, code: c.code });
    expect(text).toContain('"status":"error"');
    expect(typeof JSON.parse(text).message).toBe('string');
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses raw bytes a misconfigured router could send (unescaped quote in mcc_mnc)', async () => {
    const body = '{"client_id":"r9-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"31"0410","tenant_id":1}';
    const answer = await rawRequest('127.0.0.1', h.port, 'POST', reg, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('"status":"error"');
    expect(await snapshot(h)).toEqual(before);
  });
});
