// Rules written in both TypeScript and SQL are held to one table of vectors each, so that the two
// cannot drift apart: Luhn check digits and the virtual ICCID/IMSI of a KI proxy slot here
// (test/fixtures/identity-vectors.json); IP-in-CIDR in test/enrollment.test.ts; a KI pool's
// capacity and warning shares, read from one SQL owner by every reader.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../src/domain/iccid.js';
import { POOL_CRITICAL, POOL_WARNING } from '../src/domain/pool-levels.js';
import { virtualIccid, virtualImsi } from '../src/domain/virtual-identity.js';
import { type Harness, startIonMesh } from './support/harness.js';

const vectors = JSON.parse(readFileSync(new URL('./fixtures/identity-vectors.json', import.meta.url), 'utf8')) as {
  luhn: Array<{ payload: string; digit: number }>;
  iccid: Array<{ tenant: number; bank: number; slot: number; iccid: string }>;
  imsi: Array<{ mcc_mnc: string; bank: number; slot: number; imsi: string }>;
};

describe('identity rules, the same in TypeScript and SQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
  });
  afterAll(() => h.close());

  it('computes Luhn check digits alike', async () => {
    for (const v of vectors.luhn) {
      expect(luhnCheckDigit(v.payload), v.payload).toBe(v.digit);
      const [r] = await h.query<{ d: string }>(sql`SELECT ionmesh_luhn(${v.payload}) AS d`);
      expect(Number(r?.d), v.payload).toBe(v.digit);
    }
  });

  it('derives virtual ICCIDs and IMSIs alike', async () => {
    for (const v of vectors.iccid) {
      expect(virtualIccid(v.tenant, v.bank, v.slot)).toBe(v.iccid);
      const [r] = await h.query<{ x: string }>(sql`SELECT ionmesh_virtual_iccid(${v.tenant}, ${v.bank}, ${v.slot}) AS x`);
      expect(r?.x).toBe(v.iccid);
    }
    for (const v of vectors.imsi) {
      expect(virtualImsi(v.mcc_mnc, v.bank, v.slot)).toBe(v.imsi);
      const [r] = await h.query<{ x: string }>(sql`SELECT ionmesh_virtual_imsi(${v.mcc_mnc}, ${v.bank}, ${v.slot}) AS x`);
      expect(r?.x).toBe(v.imsi);
    }
  });
});

describe('pool capacity and warning shares, one owner for every reader', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('gives every reader the capacity min(max_virtual_sims, virtual slots of the segments)', async () => {
    // One pool held below its segments by max_virtual_sims, one bounded by its two segments.
    const create = async (body: object) => {
      const res = await h.admin('/ki-proxy-pools', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { id: number };
    };
    const base = { tenant_id: 1, carrier: 'AT&T', mcc_mnc: '310410', bank_id: 1 };
    const pool = await create({
      ...base,
      pool_name: 'held',
      physical_slot_start: 20,
      physical_slot_end: 21,
      max_virtual_sims: 3,
      virtual_segments: [{ bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 909 }],
    });
    await create({
      ...base,
      pool_name: 'segments',
      physical_slot_start: 22,
      physical_slot_end: 23,
      virtual_segments: [
        { bank_id: 1, virtual_slot_start: 920, virtual_slot_end: 924 },
        { bank_id: 2, virtual_slot_start: 920, virtual_slot_end: 921 },
      ],
    });
    const listed = (await (await h.admin('/ki-proxy-pools?limit=200')).json()).items as Array<{
      id: number;
      max_virtual_sims: number;
      capacity: number;
      virtual_segments: Array<{ virtual_slot_start: number; virtual_slot_end: number }>;
    }>;
    expect(listed.length).toBe(2);
    const expected = new Map(
      listed.map((p) => [
        p.id,
        Math.min(
          p.max_virtual_sims,
          p.virtual_segments.reduce((n, g) => n + g.virtual_slot_end - g.virtual_slot_start + 1, 0),
        ),
      ]),
    );
    expect(expected.get(pool?.id as number)).toBe(3);
    expect(new Map(listed.map((p) => [p.id, p.capacity]))).toEqual(expected);
    const overview = await (await h.admin('/fleet/overview')).json();
    expect(new Map((overview.ki_pools as Array<{ id: number; capacity: number }>).map((p) => [p.id, p.capacity]))).toEqual(
      expected,
    );
    for (const p of listed) {
      const config = await (await h.admin(`/ki-proxy-pools/${p.id}/bankd-config`)).json();
      expect(config.capacity).toBe(expected.get(p.id));
    }
    await h.services.metrics.refreshFleet();
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const gauges = [...metrics.matchAll(/^ionmesh_ki_pool_capacity\{[^}]*\} (\d+)$/gm)].map((m) => Number(m[1]));
    expect(gauges.sort()).toEqual([...expected.values()].sort());
  });

  it('warns at the same shares in SQL (capacity events) and TypeScript (alerts, console meters)', async () => {
    const [r] = await h.query<{ p: number[] }>(sql`SELECT ionmesh_pool_warning_percents() AS p`);
    expect(r?.p.map(Number)).toEqual([POOL_WARNING * 100, POOL_CRITICAL * 100]);
  });
});
