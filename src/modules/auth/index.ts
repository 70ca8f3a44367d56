// The auth module's public surface: the service that verifies keys (other modules), the auth
// hook, the owner of keys and the routes (the composition root, the CLI).
export { forbidden } from './auth.errors.js';
export { requireApiKey } from './auth.hook.js';
export { apiKeyOwner } from './auth.owners.js';
export { authRoutes } from './auth.routes.js';
export { AuthService, type Principal } from './auth.usecases.js';
