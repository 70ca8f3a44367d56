// Errors of SIM plans, thresholds and protection.
import { conflict, notFound } from '../../domain/errors.js';

export const planNotFound = (id: number) => notFound('PLAN_NOT_FOUND', `Plan ${id} does not exist`);
export const planExists = (name: string) =>
  conflict('PLAN_EXISTS', `The tenant already has a plan named ${name}, or a carrier default for its carrier`);
export const planInUse = (id: number, cards: number) =>
  conflict('PLAN_IN_USE', `Plan ${id} is the plan of ${cards} card(s); give them another plan first`, { cards });
export const cardNotLocked = (bankId: number, slotId: number) =>
  conflict('CARD_NOT_LOCKED', `Bank ${bankId} slot ${slotId} has no active lock`);
export const bindingNotFound = (id: number) => notFound('IMEI_BINDING_NOT_FOUND', `IMEI binding ${id} does not exist`);
