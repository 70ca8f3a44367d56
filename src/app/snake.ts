// Admin answers use snake_case keys like the client API; Drizzle rows are camelCase.
// JSON documents stored in jsonb columns keep the keys their authors chose.
const DOCUMENT_KEYS = new Set(['clientStats', 'clientHardwareInfo', 'before', 'after']);
const toSnakeKey = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// The result is serialised by the route's response schema, which is its real type.
// biome-ignore lint/suspicious/noExplicitAny: see above
export function snake(value: unknown): any {
  if (Array.isArray(value)) return value.map(snake);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toSnakeKey(k), DOCUMENT_KEYS.has(k) ? v : snake(v)]));
}
