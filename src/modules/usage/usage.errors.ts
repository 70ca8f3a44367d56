// Errors of SIM usage and plans.
import { invalid, notFound } from '../../domain/errors.js';

export const usageClientNotFound = (clientId: string) => notFound('CLIENT_NOT_FOUND', `No profile for client ${clientId}`);
export const usageRangeInvalid = (message: string, field: string) => invalid(message, { field });
