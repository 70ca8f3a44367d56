// What other modules may use of the auth module: the service that verifies keys.
export { AuthService, type Principal } from './auth.usecases.js';
