import { describe, expect, it } from 'vitest';
import { likeContaining, likeLiteral, likeStartingWith } from './like-pattern.js';

describe('LIKE patterns from typed text', () => {
  it('escapes the wildcards and the escape character itself', () => {
    expect(likeLiteral('100%_a\\')).toBe('100\\%\\_a\\\\');
    expect(likeContaining('%')).toBe('%\\%%');
    expect(likeStartingWith('client.')).toBe('client.%');
  });
});
