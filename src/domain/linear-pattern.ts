// Patterns that a tenant or a router writes and the server evaluates run in linear time: regular
// expressions through RE2 (re2js, a pure JavaScript port: no backtracking, so `(a+)+$` costs what
// `a+$` costs), globs translated to RE2. A JavaScript RegExp never sees such a pattern.
import { RE2JS } from 're2js';

/** The longest pattern accepted; RE2 also refuses repeat counts over 1000 and huge programs. */
export const MAX_PATTERN = 500;

const compiled = new Map<string, RE2JS>();

/** The compiled RE2 pattern (cached; throws RE2's syntax error for a pattern it cannot express). */
export function linearRegex(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    if (pattern.length > MAX_PATTERN) throw new Error(`a pattern has at most ${MAX_PATTERN} characters`);
    re = RE2JS.compile(pattern);
    if (compiled.size >= 1000) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, re);
  }
  return re;
}

/** What is wrong with a regular expression under RE2 (null: it compiles). */
export function regexProblem(pattern: string): string | null {
  try {
    linearRegex(pattern);
    return null;
  } catch (e) {
    return `'${pattern}' is not an RE2 regular expression (${(e as Error).message.replace(/^error parsing regexp: /, '')}); RE2 has no backreferences or lookaround`;
  }
}

/** Whether the text contains a match of the pattern (CEL's `matches`: unanchored, RE2 syntax). */
export const regexFinds = (pattern: string, text: string) => linearRegex(pattern).matcher(text).find();

/** A glob (`*` any run, `?` one character, everything else literal) as an anchored RE2 pattern. */
export const globToRegex = (glob: string) =>
  `^${glob.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`))}$`;

/** Whether the whole text matches the glob, in time linear in the text. */
export const globMatches = (glob: string, text: string) => linearRegex(globToRegex(glob)).matches(text);
