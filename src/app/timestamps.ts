// One timestamp format in every admin answer: ISO 8601 in UTC with `Z`. Rows read with raw SQL
// carry PostgreSQL's text form (`2026-11-26 14:36:53.476+00`); Drizzle's columns are Dates. This
// rewrites the former, found by key (`at`, `*_at`, `*_since`, `*_until`, `last_heartbeat`, `from`,
// `to`, `bucket`) and by shape, so that documents stored by users are never touched by accident.
// test/openapi.test.ts holds every `date-time` field of every answer to a key named so.
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(Z|[+-]\d{2}(?::?\d{2})?)$/;
const TIME_KEY = /(?:^at|_at|_since|_until|_check|_due|heartbeat|^from|^to|^bucket|^ts)$/;

/** Whether answers' timestamps under this key are rewritten to ISO 8601. */
export const isTimeKey = (key: string) => TIME_KEY.test(key);
/** Stored documents keep what their authors wrote. */
const DOCUMENT_KEYS = new Set(['client_stats', 'client_hardware_info', 'card_metadata', 'data', 'payload', 'result']);

/** The ISO form of a PostgreSQL timestamptz text, or null when `s` is not one. */
export function isoOf(s: string): string | null {
  const m = PG_TIMESTAMP.exec(s);
  if (!m) return null;
  let zone = m[3] as string;
  if (zone !== 'Z' && zone.length === 3) zone = `${zone}:00`;
  else if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The value with every timestamp under a time key in ISO form (a copy where anything changed). */
export function isoTimestamps(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return TIME_KEY.test(key) ? (isoOf(value) ?? value) : value;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const n = isoTimestamps(v, key);
      if (n !== v) changed = true;
      return n;
    });
    return changed ? out : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = DOCUMENT_KEYS.has(k) ? v : isoTimestamps(v, k);
    if (n !== v) changed = true;
    out[k] = n;
  }
  return changed ? out : value;
}
