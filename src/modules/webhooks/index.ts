// The webhooks module's public surface: the dispatcher, its service, deliveries' retention, the
// owner of webhooks and routes (the composition root).
export { WebhookDispatcher } from './dispatcher.js';
export { webhookOwner } from './webhooks.owners.js';
export { pruneDeliveries } from './webhooks.repository.js';
export { webhookRoutes } from './webhooks.routes.js';
export { WebhooksService } from './webhooks.usecases.js';
