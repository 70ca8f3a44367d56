// IMSI: MCC (3 digits) + MNC (2 or 3) + MSIN, 15 digits at most (3GPP TS 23.003).

export const MCC_MNC_PATTERN = '^[0-9]{5,6}$';
export const IMSI_PATTERN = '^[0-9]{6,15}$';

export function mccMncProblem(mccMnc: string): string | null {
  return /^[0-9]{5,6}$/.test(mccMnc) ? null : 'MCC/MNC must be 5 or 6 digits (MCC + MNC)';
}

/** null when valid, else the reason. With mccMnc, the IMSI must start with it. */
export function imsiProblem(imsi: string, mccMnc?: string | null): string | null {
  if (!/^[0-9]+$/.test(imsi)) return 'IMSI must contain digits only';
  if (imsi.length < 6 || imsi.length > 15) return 'IMSI must have 6 to 15 digits';
  if (mccMnc && !imsi.startsWith(mccMnc)) return `IMSI does not start with its MCC/MNC ${mccMnc}`;
  return null;
}
