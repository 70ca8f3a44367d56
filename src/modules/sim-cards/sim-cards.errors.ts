// Errors of SIM cards (a missing slot is the inventory's: slotNotFound).
import { conflict, notFound } from '../../domain/errors.js';

export const cardNotFound = (bankId: number, slotId: number) =>
  notFound('CARD_NOT_FOUND', `Bank ${bankId} slot ${slotId} holds no SIM card`);
export const slotAssigned = (bankId: number, slotId: number) =>
  conflict('SLOT_ASSIGNED', `Bank ${bankId} slot ${slotId} is assigned to an active profile`);
