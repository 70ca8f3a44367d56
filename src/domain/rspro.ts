// RSPRO limits and the client identity a router presents to the remsim-server.
// RSPRO encodes BankId, ClientId and SlotNumber as 0..1023; the deployed client treats 0 in
// its register answer as a failure, so an identity is 1..1023 in both parts.

export const RSPRO_MAX = 1023;
export const BANK_ID_MIN = 1;

export interface RsproIdentity {
  clientId: number;
  slotNr: number;
}

export const isRsproNumber = (n: number) => Number.isInteger(n) && n >= 0 && n <= RSPRO_MAX;

export const isUsableIdentity = (id: RsproIdentity) =>
  id.clientId >= 1 && id.clientId <= RSPRO_MAX && id.slotNr >= 1 && id.slotNr <= RSPRO_MAX;

/** The identity a physical slot would naturally get, or null when it cannot (slot 0). */
export function naturalIdentity(bankId: number, slotId: number): RsproIdentity | null {
  const id = { clientId: bankId, slotNr: slotId };
  return isUsableIdentity(id) ? id : null;
}
