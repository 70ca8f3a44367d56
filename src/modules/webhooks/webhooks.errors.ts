// Errors of the webhooks module.
import { notFound } from '../../domain/errors.js';

export const webhookNotFound = (id: number) => notFound('WEBHOOK_NOT_FOUND', `Webhook ${id} does not exist`);
