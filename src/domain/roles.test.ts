import { describe, expect, it } from 'vitest';
import { ACCESS, allows, ROLES } from './roles.js';

describe('roles', () => {
  it('grants each role its row of the matrix, and each higher role a superset', () => {
    const matrix = Object.fromEntries(ROLES.map((r) => [r, ACCESS.filter((a) => allows(r, a))]));
    expect(matrix).toEqual({
      admin: ['read', 'operate', 'manage', 'admin'],
      'tenant-admin': ['read', 'operate', 'manage'],
      operator: ['read', 'operate'],
      readonly: ['read'],
      client: [],
    });
  });
});
