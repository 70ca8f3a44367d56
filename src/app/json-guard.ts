// What a request may carry before anything reads it. PostgreSQL refuses two things JavaScript
// strings allow: the NUL character (in text and in json/jsonb, where `\u0000` is refused) and
// unpaired UTF-16 surrogates (`\ud800` alone, refused by jsonb). One router's such bytes used to
// fail the whole heartbeat batch they were coalesced into; now they are refused at the edge with
// 400 INVALID_CHARACTER and never reach the database. Deep nesting is refused here too: a few
// kilobytes of brackets would otherwise cost recursion everywhere the body is read.
import { DomainError } from '../domain/errors.js';

export const MAX_JSON_DEPTH = 32;

export type JsonRefusal = { kind: 'depth' } | { kind: 'character'; what: string };

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** The \uXXXX escape at `i` (the backslash), or -1. */
function escapedUnit(text: string, i: number) {
  if (text.charCodeAt(i + 1) !== 117) return -1; // 'u'
  const hex = text.slice(i + 2, i + 6);
  return /^[0-9a-fA-F]{4}$/.test(hex) ? Number.parseInt(hex, 16) : -1;
}

/**
 * One pass over a JSON text, outside and inside strings: nesting deeper than `maxDepth`, or a
 * string that PostgreSQL cannot store (an escaped NUL, an unpaired surrogate, raw or escaped).
 */
export function jsonRefusal(text: string, maxDepth = MAX_JSON_DEPTH): JsonRefusal | null {
  let depth = 0;
  let inString = false;
  let pendingHigh = false; // the previous string unit was a high surrogate
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      let unit = c;
      if (c === 92) {
        const u = escapedUnit(text, i);
        i += u === -1 ? 1 : 5;
        if (u === -1) {
          if (pendingHigh) return { kind: 'character', what: 'an unpaired UTF-16 surrogate' };
          continue;
        }
        unit = u;
        if (unit === 0) return { kind: 'character', what: 'the NUL character (\\u0000)' };
      } else if (c === 34) {
        if (pendingHigh) return { kind: 'character', what: 'an unpaired UTF-16 surrogate' };
        inString = false;
        continue;
      }
      if (pendingHigh !== isLow(unit)) return { kind: 'character', what: 'an unpaired UTF-16 surrogate' };
      pendingHigh = isHigh(unit);
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > maxDepth) return { kind: 'depth' };
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

/** Text PostgreSQL can store: no NUL, no unpaired surrogate. */
export const storableText = (s: string) => !s.includes('\u0000') && s.isWellFormed();

/** The first value (string, or string in an array) of a parsed query or path that cannot be stored. */
export function unstorableField(values: unknown): string | null {
  if (!values || typeof values !== 'object') return null;
  for (const [name, v] of Object.entries(values)) {
    if (typeof v === 'string' && !storableText(v)) return name;
    if (Array.isArray(v) && v.some((x) => typeof x === 'string' && !storableText(x))) return name;
  }
  return null;
}

export const invalidCharacter = (message: string, field?: string) =>
  new DomainError('INVALID_CHARACTER', message, 400, field ? { field } : undefined);
