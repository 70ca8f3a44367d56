// Each decision record says where it stands and since when (its second line), so a reader knows
// whether it still holds: accepted, amended, or superseded by a later one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '..', 'docs', 'decisions');
const STATUS = /^Status: (proposed|accepted|superseded by \d{4}) · \d{4}-\d{2}-\d{2}( · amended \d{4}-\d{2}-\d{2})?$/;

describe('decision records', () => {
  it('each have a number, a title, and a status with its date', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(19);
    const wrong = files.filter((f) => {
      const [title, blank, status] = readFileSync(join(dir, f), 'utf8').split('\n');
      return !title?.startsWith(`# ${f.slice(0, 4)} — `) || blank !== '' || !STATUS.test(status ?? '');
    });
    expect(wrong).toEqual([]);
    expect(STATUS.test('Status: accepted · 2026-11-25')).toBe(true);
    expect(STATUS.test('Status: maybe')).toBe(false);
  });
});
