import { describe, expect, it } from 'vitest';
import { jsonRefusal, storableText, unstorableField } from './json-guard.js';

const deeper = (t: string, max?: number) => jsonRefusal(t, max)?.kind === 'depth';
const unstorable = (t: string) => jsonRefusal(t)?.kind === 'character';

describe('JSON depth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(deeper('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(deeper('{"a":[1,{"b":[2]}]}', 3)).toBe(true);
    expect(deeper(JSON.stringify({ s: '[[[[[[{{{{{' }), 1)).toBe(false);
    expect(deeper(JSON.stringify({ s: 'a\\"[[[[' }), 1)).toBe(false);
    expect(deeper('['.repeat(33) + ']'.repeat(33))).toBe(true);
    expect(deeper('['.repeat(32) + ']'.repeat(32))).toBe(false);
  });
});

describe('characters PostgreSQL cannot store', () => {
  it('refuses an escaped NUL anywhere, in keys and values', () => {
    expect(unstorable('{"stats":{"a":"x\\u0000y"}}')).toBe(true);
    expect(unstorable('{"k\\u0000":1}')).toBe(true);
    expect(unstorable('["\\u0000"]')).toBe(true);
  });
  it('takes an escaped backslash followed by u0000 as plain text', () => {
    expect(unstorable(JSON.stringify({ a: '\\u0000' }))).toBe(false);
    expect(unstorable(JSON.stringify({ a: 'C:\\\\u0000\\' }))).toBe(false);
  });
  it('refuses unpaired surrogates, escaped, and accepts pairs escaped or raw', () => {
    expect(unstorable('{"a":"\\ud800"}')).toBe(true);
    expect(unstorable('{"a":"\\udc00x"}')).toBe(true);
    expect(unstorable('{"a":"\\ud800\\n"}')).toBe(true);
    expect(unstorable('{"a":"\\ud83d\\ude00"}')).toBe(false);
    expect(unstorable('{"a":"😀 ok \\u00e9"}')).toBe(false);
    expect(unstorable(JSON.stringify({ a: 'x\ud800' }))).toBe(true); // JSON.stringify escapes it
  });
  it('reads query values and arrays of them', () => {
    expect(storableText('router\u0000')).toBe(false);
    expect(storableText('a\udfffb')).toBe(false);
    expect(storableText('Åre 😀')).toBe(true);
    expect(unstorableField({ q: 'ok', carrier: 'x\u0000' })).toBe('carrier');
    expect(unstorableField({ ids: ['a', 'b\u0000'] })).toBe('ids');
    expect(unstorableField({ limit: 5, q: 'fine' })).toBeNull();
  });
});
