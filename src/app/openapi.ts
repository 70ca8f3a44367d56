// The OpenAPI document's conventions, applied to every route when the document is built (the
// routes themselves keep their schemas): shared schemas by their $id (components/schemas/ErrorAnswer,
// not def-0), and a description for every response, so generated SDKs read well. Each operation
// names its operationId on the route (test/openapi.test.ts checks they are all there and unique).
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

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

export const openapiConventions: Pick<FastifyDynamicSwaggerOptions, 'refResolver' | 'transform'> = {
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
    const security = s.security ?? securityOf(url);
    return { schema: { ...s, response: described, security } as never, url };
  },
};
