// Patterns a tenant writes run in linear time: the catastrophic cases of a backtracking engine
// answer at once, RE2's refusals are named, globs keep their meaning.
import { describe, expect, it } from 'vitest';
import { globMatches, globToRegex, regexFinds, regexProblem } from './linear-pattern.js';

describe('linear-time patterns', () => {
  it('answers the nested-quantifier reproductions (a backtracking RegExp takes seconds to hours)', () => {
    expect(regexFinds('(a+)+$', `${'a'.repeat(40)}-`)).toBe(false); // no run of a's ends the text
    expect(regexFinds('^(a+)+$', `${'a'.repeat(5000)}-`)).toBe(false);
    expect(regexFinds('^(a|aa)+$', 'a'.repeat(5000))).toBe(true);
    expect(regexFinds('^(.*a){20}$', `${'a'.repeat(3000)}b`)).toBe(false);
  });

  it('is unanchored like CEL matches() and honours RE2 syntax', () => {
    expect(regexFinds('slot[0-9]+', 'router-slot12')).toBe(true);
    expect(regexFinds('^slot', 'router-slot12')).toBe(false);
    expect(regexFinds('(?i)ROUTER', 'router-slot12')).toBe(true);
  });

  it('refuses what RE2 cannot express, naming the pattern and the reason', () => {
    expect(regexProblem('(a)\\1')).toMatch(/'\(a\)\\1' is not an RE2 regular expression \(invalid escape sequence/);
    expect(regexProblem('(?=a)b')).toMatch(/not an RE2 regular expression.*lookaround/);
    expect(regexProblem('(a{1000}){1000}')).toMatch(/invalid repeat count/);
    expect(regexProblem('[')).toMatch(/missing closing \]/);
    expect(regexProblem('x'.repeat(501))).toMatch(/at most 500 characters/);
    expect(regexProblem('^[a-z]+-slot[0-9]$')).toBeNull();
  });

  it('translates globs: * any run, ? one character, the rest literal', () => {
    expect(globToRegex('a.b*?')).toBe('^a\\.b.*.$');
    expect(globMatches('site1-*-slot?', 'site1-r7-slot0')).toBe(true);
    expect(globMatches('site1-*-slot?', 'site1-r7-slot10')).toBe(false);
    expect(globMatches('(x)+', '(x)+')).toBe(true);
    expect(globMatches('(x)+', 'xx')).toBe(false);
    expect(globMatches(`${'*a'.repeat(30)}*b`, 'a'.repeat(255))).toBe(false);
  });
});
