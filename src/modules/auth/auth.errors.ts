// Errors of API keys and the admin API's authentication.
import { DomainError, invalid } from '../../domain/errors.js';

export const keyNotFound = (id: number) => new DomainError('KEY_NOT_FOUND', `No API key ${id}`, 404);
export const adminKeyWithTenant = () =>
  invalid('An admin key spans all tenants: leave tenant_id out, or use tenant-admin', { field: 'tenant_id' });
export const tenantAdminWithoutTenant = () =>
  invalid('A tenant-admin key needs the tenant_id it administers', { field: 'tenant_id' });
export const expiryInThePast = () => invalid('expires_at must lie in the future', { field: 'expires_at' });
export const lastAdminKey = () =>
  new DomainError('LAST_ADMIN_KEY', 'This is the last active admin key: create another before revoking it', 409);
export const unauthorized = (presented: boolean) =>
  new DomainError('UNAUTHORIZED', presented ? 'The API key is not valid' : 'An API key is required (X-API-Key)', 401);
export const forbidden = (role: string, needs: string) =>
  new DomainError('FORBIDDEN', `A ${role} key may not do this (it needs ${needs} access)`, 403, { role, needs });
