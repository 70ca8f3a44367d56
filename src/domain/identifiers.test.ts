// Telecom identifiers: ICCID (E.118 + Luhn), IMSI, MCC/MNC, bankd endpoints.
import { describe, expect, it } from 'vitest';
import { bankdEndpointProblem } from './bankd-endpoint.js';
import { iccidProblem, isValidLuhn, luhnCheckDigit, withLuhn } from './iccid.js';
import { imsiProblem, mccMncProblem } from './imsi.js';

describe('ICCID', () => {
  it('computes the Luhn digit of known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example
    expect(isValidLuhn('89014103211118510720')).toBe(true); // a real-format AT&T ICCID
    expect(isValidLuhn('89014103211118510721')).toBe(false);
  });
  it('accepts 19 and 20 digits starting with 89 with a correct check digit', () => {
    expect(iccidProblem(withLuhn('890141000000000001'))).toBeNull();
    expect(iccidProblem(withLuhn('8901410000000000012'))).toBeNull();
  });
  it('refuses wrong lengths, prefixes, characters and check digits', () => {
    expect(iccidProblem(withLuhn('89014100000000001'))).toMatch(/19 or 20/);
    expect(iccidProblem(withLuhn('880141000000000001'))).toMatch(/89/);
    expect(iccidProblem('89014100000000000a1')).toMatch(/digits/);
    expect(iccidProblem('89014103211118510721')).toMatch(/Luhn/);
  });
});

describe('IMSI and MCC/MNC', () => {
  it('accepts an IMSI that starts with its MCC/MNC', () => {
    expect(imsiProblem('310410123456789', '310410')).toBeNull();
    expect(imsiProblem('26201123456789', '26201')).toBeNull();
  });
  it('refuses another carrier, 16 digits, letters', () => {
    expect(imsiProblem('311480123456789', '310410')).toMatch(/310410/);
    expect(imsiProblem('3104101234567890')).toMatch(/6 to 15/);
    expect(imsiProblem('31041012345678x')).toMatch(/digits/);
  });
  it('wants MCC/MNC as 5 or 6 digits', () => {
    expect(mccMncProblem('310410')).toBeNull();
    expect(mccMncProblem('26201')).toBeNull();
    expect(mccMncProblem('3104')).not.toBeNull();
  });
});

describe('bankd endpoint', () => {
  it('accepts host:port the client parses', () => {
    expect(bankdEndpointProblem('10.0.0.5:9999')).toBeNull();
    expect(bankdEndpointProblem('bankd.example.net:1')).toBeNull();
  });
  it('refuses what the client misreads', () => {
    for (const e of ['[2001:db8::1]:9999', '10.0.0.5', ':9999', 'h:0', 'h:abc', 'tcp://h:9999', 'h:70000']) {
      expect(bankdEndpointProblem(e), e).not.toBeNull();
    }
  });
});
