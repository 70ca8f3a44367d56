// The policies module's public surface: its service, the owner of policies and routes (the
// composition root).
export { policyNotFound } from './policies.errors.js';
export { policyOwner } from './policies.owners.js';
export { policyRoutes } from './policies.routes.js';
export { PoliciesService } from './policies.usecases.js';
