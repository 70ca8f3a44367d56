// Virtual SIM identities of KI proxy profiles, derived from the virtual slot that serves them
// (the same rule as ionmesh_virtual_iccid/imsi in drizzle/0007). A virtual slot belongs to one
// active profile, so the identities are unique by construction, and valid:
// ICCID (ITU-T E.118): 89 · 882 (international networks) · 9 (IonMesh virtual) · tenant(4) ·
// bank(4) · slot(4) · Luhn digit = 19 digits. IMSI: the pool's MCC+MNC, then the MSIN
// 9 · bank(4) · slot(4), zero-padded to 15 digits in all.
import { withLuhn } from './iccid.js';

const pad4 = (n: number) => String(n).padStart(4, '0');

export function virtualIccid(tenantId: number, bankId: number, slot: number) {
  return withLuhn(`898829${pad4(tenantId % 10000)}${pad4(bankId)}${pad4(slot)}`);
}

export function virtualImsi(mccMnc: string, bankId: number, slot: number) {
  return mccMnc + `9${pad4(bankId)}${pad4(slot)}`.padStart(15 - mccMnc.length, '0');
}
