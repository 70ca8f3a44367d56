// The console's API types, generated from the OpenAPI document of the running code
// (openapi-typescript) into web/src/api-types.ts. `npm run gen:api-types` writes the file;
// test/api-types.test.ts fails when the committed file is not what the code generates.
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildConfig } from '../src/app/config.js';
import { openPglite } from '../src/app/database.js';
import { buildApp } from '../src/server/server.js';

export const API_TYPES_FILE = new URL('../web/src/api-types.ts', import.meta.url);

const HEADER = `// Generated from the OpenAPI document by \`npm run gen:api-types\` (scripts/api-types.ts): do not edit.
// web/src/types.ts names the shapes the console reads.
`;

/** The OpenAPI document of this code (no database is read: the routes are only registered). */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const db = await openPglite(null);
  const { app } = await buildApp({ config: buildConfig({ logLevel: 'silent' }), db, logger: false, jobs: false });
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return doc;
}

export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS((await openapiDocument()) as never, { alphabetize: true });
  return HEADER + astToString(ast);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`wrote ${API_TYPES_FILE.pathname}`);
}
