// Errors of the stats history.
import { notFound } from '../../domain/errors.js';

export const noProfile = (clientId: string) => notFound('CLIENT_NOT_FOUND', `No profile for client ${clientId}`);
