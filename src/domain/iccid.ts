// ICCID per ITU-T E.118: "89" (telecom), 19 or 20 digits, the last one a Luhn check digit.

export const ICCID_PATTERN = '^89[0-9]{17,18}$';

/** The Luhn check digit for a string of digits (without its check digit). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Walking from the right, double every second digit starting with the rightmost payload digit.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** null when valid, else the reason. */
export function iccidProblem(iccid: string): string | null {
  if (!/^[0-9]+$/.test(iccid)) return 'ICCID must contain digits only';
  if (iccid.length < 19 || iccid.length > 20) return 'ICCID must have 19 or 20 digits';
  if (!iccid.startsWith('89')) return 'ICCID must start with 89 (E.118 telecom prefix)';
  if (!isValidLuhn(iccid)) return 'ICCID check digit (Luhn) is wrong';
  return null;
}

/** Completes a 18- or 19-digit payload with its Luhn digit. */
export function withLuhn(payload: string): string {
  return payload + String(luhnCheckDigit(payload));
}
