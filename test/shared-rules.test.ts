// Rules written in both TypeScript and SQL are held to one table of vectors each, so that the two
// cannot drift apart: Luhn check digits and the virtual ICCID/IMSI of a KI proxy slot here
// (test/fixtures/identity-vectors.json); IP-in-CIDR in test/enrollment.test.ts.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../src/domain/iccid.js';
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
