import { describe, expect, it } from 'vitest';
import { likeContaining, likeLiteral } from './like-pattern.js';

describe('LIKE patterns from typed text', () => {
  it('escapes the wildcards and the escape character itself', () => {
    expect(likeLiteral('100%_a\\')).toBe('100\\%\\_a\\\\');
    expect(likeContaining('%')).toBe('%\\%%');
  });
});
