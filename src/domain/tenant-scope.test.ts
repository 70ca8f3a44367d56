import { describe, expect, it } from 'vitest';
import { ALL_TENANTS, readTenant, writeTenant } from './tenant-scope.js';

describe('tenant scope', () => {
  it('lets an unscoped caller read any tenant, or all of them', () => {
    expect(readTenant(ALL_TENANTS, 7)).toBe(7);
    expect(readTenant(ALL_TENANTS, undefined)).toBeUndefined();
    expect(readTenant(ALL_TENANTS, null)).toBeUndefined();
  });

  it('confines a tenant key to its tenant: asked or not, another tenant matches nothing', () => {
    expect(readTenant(3, undefined)).toBe(3);
    expect(readTenant(3, 3)).toBe(3);
    const other = readTenant(3, 4);
    expect(other).not.toBe(3);
    expect(other).not.toBe(4);
    expect(other).toBeLessThan(1);
  });

  it('refuses a write to another tenant as a tenant that does not exist', () => {
    expect(writeTenant(ALL_TENANTS, 9)).toBe(9);
    expect(writeTenant(3, 3)).toBe(3);
    expect(() => writeTenant(3, 4)).toThrow(expect.objectContaining({ code: 'TENANT_NOT_FOUND', status: 404 }));
  });
});
