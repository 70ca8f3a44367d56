// Errors of fault prediction.
import { DomainError, notFound } from '../../domain/errors.js';

export const modelNotFound = (version: number) =>
  notFound('MODEL_NOT_FOUND', `Prediction model version ${version} does not exist`);
export const modelInvalid = (why: string) => new DomainError('MODEL_INVALID', `The model cannot be used: ${why}`, 400);
