// The HTTP server every API shares: Fastify with its limits and timeouts, strict validation,
// the error format, CORS, the console, JSON parsing with its guards, and the OpenAPI document.
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../app/config.js';
import { registerConsole, wantsConsole } from '../app/console.js';
import { errorBody, handleError } from '../app/errors-http.js';
import type { App } from '../app/http.js';
import { invalidCharacter, jsonRefusal, MAX_JSON_DEPTH, unstorableField } from '../app/json-guard.js';
import { openapiConventions } from '../app/openapi.js';
import { ErrorAnswer } from '../app/schemas.js';
import { httpsOptions } from '../app/tls.js';
import { VERSION } from '../app/version.js';
import { DomainError } from '../domain/errors.js';

// Bodies are validated strictly (no type coercion: a quoted tenant_id is refused, as the issue
// asks); query strings and path parameters are text and are coerced to their declared types.
function validators() {
  const common = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false } as const;
  const body = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }));
  const text = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }));
  return { body, text };
}

export async function createHttpServer(config: Config, logger?: FastifyServerOptions['logger']): Promise<App> {
  // A request must arrive whole within --request-timeout (a body trickled a byte a second is cut
  // off with 408); Node checks open requests every second so the limit holds to the second.
  const requestTimeoutMs = config.requestTimeoutSec * 1000;
  const serverOptions = { connectionsCheckingInterval: 1000, headersTimeout: Math.min(requestTimeoutMs, 60_000) };
  const app = Fastify({
    http: serverOptions,
    ...httpsOptions(config, serverOptions),
    requestTimeout: requestTimeoutMs,
    // Behind a proxy, the caller's address (rate limits, enrollment, source binding, audit) comes
    // from X-Forwarded-For, believed only from the listed proxies.
    ...(config.trustProxy.length ? { trustProxy: config.trustProxy } : {}),
    logger: logger ?? { level: config.logLevel },
    // One log line per request would cost the heartbeat path more than its database write.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
    // A client id may have 255 characters (more once percent-encoded): longer path parameters
    // answer 414 URI_TOO_LONG, in the API's error format like every other refusal.
    routerOptions: { maxParamLength: 800 },
    frameworkErrors: (error, req, reply) => handleError(error as never, req, reply),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const ajv = validators();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv.body : ajv.text).compile(schema as object));
  app.setErrorHandler(handleError);
  // CORS: closed (no headers at all) unless origins are configured.
  if (config.corsOrigins.length)
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'last-event-id', 'x-request-id'],
      exposedHeaders: ['retry-after', 'x-last-event-id', 'content-disposition'],
      credentials: false,
      maxAge: 600,
    });
  const consoleUi = await registerConsole(app);
  app.setNotFoundHandler((req, reply) => {
    if (consoleUi.page && wantsConsole(req)) return consoleUi.page(reply);
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(errorBody({ code: 'NOT_FOUND', message: `Route ${req.method} ${req.url.split('?')[0]} not found` })));
  });
  app.addSchema(ErrorAnswer);
  // JSON bodies: Fastify's own parser (prototype poisoning refused), after a depth check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const refusal = jsonRefusal(body as string);
    if (refusal?.kind === 'depth')
      return done(new DomainError('INVALID_JSON', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 400), undefined);
    if (refusal) return done(invalidCharacter(`The body holds ${refusal.what}, which cannot be stored`), undefined);
    return parseJson(req, body as string, done);
  });
  // Query and path values reach SQL as text: the same characters are refused there.
  app.addHook('preValidation', async (req) => {
    const field = unstorableField(req.query) ?? unstorableField(req.params);
    if (field) throw invalidCharacter(`${field} holds the NUL character or an unpaired surrogate, which cannot be stored`, field);
  });

  await app.register(swagger, {
    ...openapiConventions,
    openapi: {
      // 3.1: the schemas are JSON Schema as the routes validate with (propertyNames, numeric bounds).
      openapi: '3.1.0',
      info: {
        title: 'IonMesh API',
        version: VERSION,
        description: 'Control plane for osmo-remsim fleets',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      // Relative: the IonMesh that serves this document (behind whatever address it is reached at).
      servers: [{ url: '/', description: 'The IonMesh that serves this document' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (or Authorization: Bearer <key>)' },
          clientToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Client-Token',
            description: 'The client_token a keyless registration answered (or client_token in a heartbeat body)',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  return app;
}
