// The OpenAPI document's conventions, applied to every route when the document is built (the
// routes themselves keep their schemas): shared schemas by their $id (components/schemas/ErrorAnswer,
// not def-0); a description for every response; the answers every route can give (a bad
// character anywhere is a 400, the API's rate limits a 429, an admin route's key a 401 or 403);
// and every JSON answer and body as a named component, so generated SDKs get named types. Each
// operation names its operationId on the route (test/openapi.test.ts checks they are all there
// and unique, and lints the document with Redocly's recommended rules).
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { ERROR_MEANINGS } from './schemas.js';

type Schema = Record<string, unknown>;

/** A success answer's description, from its shape when it is one of the API's common ones. */
function successDescription(schema: Schema, summary: string | undefined): string {
  const props = (schema.properties ?? {}) as Schema;
  if ('items' in props && 'total' in props) return 'A page of items, with total, limit and offset';
  if ('status' in props && 'message' in props && Object.keys(props).length === 2) return 'Done: status success and a message';
  return summary ? `Success: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}` : 'Success';
}

/**
 * Who may call a route, for the routes that do not say it themselves: the client API (the
 * deployed router sends nothing; an agent may send a client key or its client token), and the
 * probes and metrics, which are open.
 */
function securityOf(url: string): Array<Record<string, string[]>> {
  if (url.startsWith('/api/backend/v1/remsim/')) return [{}, { apiKey: [] }, { clientToken: [] }];
  return [];
}

const errorAnswer = (status: number) => ({
  $ref: 'ErrorAnswer',
  description: ERROR_MEANINGS[status] ?? 'An error in the API format',
});

/**
 * The errors any route of its kind can answer, whatever it declares: a NUL character or an
 * unpaired surrogate in its query or path is a 400 (a hook before every route); everything
 * under /api/backend/v1 has a rate limit (429); an admin route needs a key (401) whose role
 * allows it (403).
 */
function commonErrors(url: string, security: Array<Record<string, string[]>>): number[] {
  const api = url.startsWith('/api/backend/v1/');
  const admin = api && security.length > 0 && security.every((s) => 'apiKey' in s);
  return [400, ...(api ? [429] : []), ...(admin ? [401, 403] : [])];
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
/** The singular of an operation's plural noun, for the items of its page: Policies → Policy. */
const singular = (noun: string) =>
  noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : /(ss|x|ch|sh)es$/.test(noun) ? noun.slice(0, -2) : noun.replace(/s$/, '');

/** A schema's structure as one string (keys sorted): two schemas with the same one are one type. */
function shapeOf(schema: unknown): string {
  return JSON.stringify(schema, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as Schema)
            .sort()
            .map((k) => [k, (v as Schema)[k]]),
        )
      : v,
  );
}

const isNamable = (s: unknown): s is Schema =>
  !!s && typeof s === 'object' && !('$ref' in (s as Schema)) && ('properties' in (s as Schema) || 'items' in (s as Schema));

interface Slot {
  op: string;
  role: 'answer' | 'body';
  /** The answer's status, when the operation has more than one success answer. */
  status: string;
  holder: Schema;
}

/**
 * Every JSON answer (2xx) and JSON body becomes a component, referenced where it was: the same
 * structure has one name wherever it is used. Names follow the operations: `getTenant`'s answer
 * is `Tenant`, `listTenants`' page `TenantsPage` (its items `Tenant` when that is what they are,
 * else `TenantListItem`), another answer `<Operation>Answer` (with its status when there are
 * several), a body `<Operation>Body`. Inside components, a part that is
 * another component is a reference to it.
 */
export function nameComponents(doc: Schema): Schema {
  const slots: Slot[] = [];
  for (const ops of Object.values((doc.paths ?? {}) as Record<string, Schema>))
    for (const op of Object.values(ops) as Schema[]) {
      const id = op.operationId as string | undefined;
      if (!id) continue;
      const body = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
      if (body?.['application/json'] && isNamable(body['application/json'].schema))
        slots.push({ op: id, role: 'body', status: '', holder: body['application/json'] });
      const answers = Object.entries((op.responses ?? {}) as Record<string, Schema>).flatMap(([status, r]) => {
        const json = (r.content as Record<string, Schema> | undefined)?.['application/json'];
        return /^2/.test(status) && json && isNamable(json.schema) ? [{ status, holder: json }] : [];
      });
      for (const a of answers)
        slots.push({ op: id, role: 'answer', status: answers.length > 1 ? a.status : '', holder: a.holder });
    }
  const holder = (doc.components ?? {}) as Schema;
  doc.components = holder;
  const components = (holder.schemas ?? {}) as Record<string, Schema>;
  holder.schemas = components;
  const byShape = new Map<string, string>();
  for (const [name, s] of Object.entries(components)) byShape.set(shapeOf(s), name);
  const nameFor = (schema: Schema, wanted: string[]): string => {
    const shape = shapeOf(schema);
    const known = byShape.get(shape);
    if (known) return known;
    const base = wanted.find((n) => !(n in components)) ?? (wanted.at(-1) as string);
    let name = base;
    for (let i = 2; name in components; i++) name = `${base}${i}`;
    components[name] = schema;
    byShape.set(shape, name);
    return name;
  };
  // The names read best when a get names its object first, then pages, then the rest: an order
  // that does not depend on the order the routes were registered in.
  const rank = (s: Slot) => (s.role === 'body' ? 3 : s.op.startsWith('get') ? 0 : s.op.startsWith('list') ? 1 : 2);
  slots.sort((a, b) => rank(a) - rank(b) || a.op.localeCompare(b.op));
  for (const slot of slots) {
    const schema = slot.holder.schema as Schema;
    const op = pascal(slot.op);
    const props = (schema.properties ?? {}) as Schema;
    let wanted = [`${op}${slot.role === 'body' ? 'Body' : 'Answer'}${slot.status}`];
    if (slot.role === 'answer' && slot.op.startsWith('get')) wanted = [op.slice(3), ...wanted];
    if (slot.role === 'answer' && slot.op.startsWith('list')) {
      const noun = op.slice(4);
      wanted = [`${noun}Page`, ...wanted];
      const items = props.items as Schema | undefined;
      if (isNamable(items?.items)) {
        const item = items.items as Schema;
        items.items = { $ref: `#/components/schemas/${nameFor(item, [singular(noun), `${singular(noun)}ListItem`])}` };
      }
    }
    slot.holder.schema = { $ref: `#/components/schemas/${nameFor(schema, wanted)}` };
  }
  // Inside each component, a part with another component's structure refers to it.
  const refer = (s: unknown, self: string): unknown => {
    if (!s || typeof s !== 'object') return s;
    if (Array.isArray(s)) return s.map((v) => refer(v, self));
    const name = byShape.get(shapeOf(s));
    if (name && name !== self) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(s as Schema).map(([k, v]) => [k, refer(v, self)]));
  };
  for (const [name, s] of Object.entries(components))
    components[name] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, refer(v, name)]));
  return doc;
}

export const openapiConventions: Pick<FastifyDynamicSwaggerOptions, 'refResolver' | 'transform' | 'transformObject'> = {
  refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  transform: ({ schema, url }) => {
    const s = (schema ?? {}) as Schema;
    // A route that streams or answers text declares no response schema: it still gets a description.
    const response = (s.response as Record<string, Schema> | undefined) ?? { 200: {} };
    const described = Object.fromEntries(
      Object.entries(response).map(([status, r]) =>
        r.description || !/^2/.test(status)
          ? [status, r]
          : [status, { ...r, description: successDescription(r, s.summary as string) }],
      ),
    );
    const security = (s.security as Array<Record<string, string[]>> | undefined) ?? securityOf(url);
    for (const status of commonErrors(url, security)) described[status] ??= errorAnswer(status);
    return { schema: { ...s, response: described, security } as never, url };
  },
  transformObject: (documents) =>
    ('openapiObject' in documents ? nameComponents(documents.openapiObject as Schema) : documents.swaggerObject) as never,
};
