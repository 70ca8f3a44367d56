// Shared payload shapes: one TypeBox schema drives validation, types and the OpenAPI document.
import { type ObjectOptions, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { BANKD_ENDPOINT_PATTERN } from '../domain/bankd-endpoint.js';
import { ICCID_PATTERN } from '../domain/iccid.js';
import { IMSI_PATTERN, MCC_MNC_PATTERN } from '../domain/imsi.js';
import { MAPPING_MODES } from '../domain/mapping-modes.js';

// The deployed client builds client_id as <hostname>-slot<N> and puts it unencoded in a URL
// path, so only characters that survive that are accepted; no control characters, no spaces.
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9._:@+-]{1,255}$';
export const ClientId = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: CLIENT_ID_PATTERN,
  description: 'The router client id, normally <hostname>-slot<N>',
  examples: ['router1-slot0'],
});
export const TenantId = Type.Integer({ minimum: 0, maximum: 2147483647, description: 'Tenant id' });
export const BankId = Type.Integer({ minimum: 1, maximum: 1023, description: 'SIM bank id (RSPRO 1..1023)' });
export const SlotId = Type.Integer({ minimum: 0, maximum: 1023, description: 'Bank slot, numbered from 0' });
export const MappingMode = Type.Union(
  MAPPING_MODES.map((m) => Type.Literal(m)),
  { description: 'Mapping mode' },
);
export const MccMnc = Type.String({ pattern: MCC_MNC_PATTERN, description: 'MCC+MNC, e.g. 310410' });
export const MccMncOrEmpty = Type.String({
  pattern: `(${MCC_MNC_PATTERN})|^$`,
  description: 'MCC+MNC, or "" for no carrier preference',
});
export const Iccid = Type.String({ pattern: ICCID_PATTERN, description: 'ICCID (E.118, Luhn checked)' });
export const Imsi = Type.String({ pattern: IMSI_PATTERN, description: 'IMSI, 15 digits at most' });
export const BankdEndpoint = Type.String({
  pattern: BANKD_ENDPOINT_PATTERN,
  maxLength: 260,
  description: 'host:port handed to routers (no scheme, no IPv6 literal)',
});
export const JsonObject = Type.Record(Type.String(), Type.Unknown());
/** A date-time a caller sends: RFC 3339, years 0001 to 9999 (what PostgreSQL and every reader can hold). */
export const DateTimeText = Type.String({
  format: 'date-time',
  pattern: '^(?!0000)[0-9]{4}-',
  description: 'RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999)',
});
export const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
/** A point in time in an answer: ISO 8601 text on the wire (the timestamps hook writes a Date so,
 * src/app/timestamps.ts), so a use case may return either. */
export const Instant = Type.Unsafe<string | Date>({ type: 'string', format: 'date-time' });

export const ErrorAnswer = Type.Object(
  {
    status: Type.Literal('error'),
    code: Type.String({ description: 'Stable machine-readable code' }),
    message: Type.String(),
  },
  { additionalProperties: true, $id: 'ErrorAnswer' },
);

/** `limit`/`offset` query shared by every list. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

/** What an error status means on every route of this API (the OpenAPI response descriptions). */
export const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request is invalid (VALIDATION_ERROR and similar): nothing was changed',
  401: 'No valid API key (UNAUTHORIZED)',
  403: "The key's role lacks the access this route declares (FORBIDDEN)",
  404: 'The object does not exist, or belongs to another tenant',
  409: 'The request conflicts with the current state (the code says which rule)',
  413: 'The body is too large',
  415: 'The body is not of a type this route takes',
  422: 'The content is well-formed but breaks a rule of the domain',
  429: 'Too many requests: retry after Retry-After seconds',
  501: 'Not available in this configuration',
  503: 'Temporarily unavailable (pool full, database busy): retry after Retry-After seconds',
};

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, Type.Ref('ErrorAnswer', { description: ERROR_MEANINGS[s] ?? 'An error in the API format' })]),
  );

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});
/** An answer object: its declared fields, and any others passed through unchanged. */
export const Answer = <T extends TProperties>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { additionalProperties: true, ...options });

/** The answer of a DELETE that removed its object. */
export const Deleted = Type.Object(
  { status: Type.Literal('success'), message: Type.String() },
  { description: 'The object is gone' },
);
