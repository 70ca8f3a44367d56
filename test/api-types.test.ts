// The console's API types are generated from the OpenAPI document (scripts/api-types.ts): the
// committed web/src/api-types.ts must be what the code generates now, so a change of an answer's
// schema reaches the console's types (and its build) in the same commit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/api-types.js';
import { onPostgres } from './support/harness.js';

describe.skipIf(onPostgres)('the console’s API types', () => {
  it('are what the OpenAPI document of this code generates (npm run gen:api-types)', async () => {
    const generated = await generateApiTypes();
    expect(generated).toContain('getFleetOverview');
    expect(generated).toContain('"application/json"');
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === generated, 'web/src/api-types.ts is stale: run npm run gen:api-types and commit it').toBe(true);
  });
});
