// Virtual ICCIDs and IMSIs: valid E.118 with a Luhn digit, the pool's MCC+MNC as IMSI prefix,
// 15 digits at most, and unique over 100,000 virtual slots.
import { describe, expect, it } from 'vitest';
import { iccidProblem } from './iccid.js';
import { imsiProblem } from './imsi.js';
import { virtualIccid, virtualImsi } from './virtual-identity.js';

describe('virtual SIM identities', () => {
  it('are valid and unique over 100,000 virtual slots', () => {
    const iccids = new Set<string>();
    const imsis = new Set<string>();
    for (let bank = 1; bank <= 100; bank++) {
      for (let slot = 0; slot < 1000; slot++) {
        iccids.add(virtualIccid(7, bank, slot));
        imsis.add(virtualImsi('310410', bank, slot));
      }
    }
    expect(iccids.size).toBe(100_000);
    expect(imsis.size).toBe(100_000);
    for (const i of [...iccids].filter((_, n) => n % 997 === 0)) expect(iccidProblem(i)).toBeNull();
  });

  it('put the pool’s MCC+MNC in front of the IMSI, 5 or 6 digits, 15 digits in all', () => {
    expect(virtualImsi('310410', 1, 900)).toBe('310410900010900');
    expect(virtualImsi('26201', 1023, 1023)).toBe('262010910231023');
    for (const mcc of ['310410', '26201']) {
      const imsi = virtualImsi(mcc, 12, 34);
      expect(imsi).toHaveLength(15);
      expect(imsiProblem(imsi, mcc)).toBeNull();
    }
  });

  it('are ICCIDs of 19 digits from the international-networks range, 89 882', () => {
    const iccid = virtualIccid(1, 1, 900);
    expect(iccid).toMatch(/^898829000100010900[0-9]$/);
    expect(iccidProblem(iccid)).toBeNull();
  });
});
