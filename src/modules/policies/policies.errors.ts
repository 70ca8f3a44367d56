// Errors of the policies module.
import { notFound } from '../../domain/errors.js';

export const policyNotFound = (id: number) => notFound('POLICY_NOT_FOUND', `Assignment policy ${id} does not exist`);
