// Errors of the ki-proxy module.
import { conflict, DomainError, type ErrorCode, notFound } from '../../domain/errors.js';

export const poolNotFound = (id: number) => notFound('POOL_NOT_FOUND', `KI proxy pool ${id} does not exist`);
export const poolRangeRefused = (problem: { code: 'POOL_OVERLAP' | 'VALIDATION_ERROR' | string; message: string }) =>
  new DomainError(problem.code as ErrorCode, problem.message, problem.code === 'POOL_OVERLAP' ? 409 : 400);
export const virtualSlotsArePhysical = (cards: Array<{ bank_id: number; slot_id: number }>) =>
  conflict(
    'POOL_OVERLAP',
    `virtual slots must not be physical slots: ${cards.map((c) => `bank ${c.bank_id} slot ${c.slot_id}`).join(', ')} exist in the inventory`,
  );
