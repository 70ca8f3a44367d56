// A rule's condition expression: CEL (the Common Expression Language: non-Turing-complete, no
// side effects, bounded), parsed and type-checked when the rule is saved against the payload
// schema of its event type (an unknown field or a wrong type is refused then), evaluated by an
// interpreter (@marcbachmann/cel-js), never by eval. Variables: `data` (the event's payload),
// `event_type`, `tenant_id`, and for measured triggers `value` (the measured value).
//
// Bounded, because any operator or tenant admin writes these and every router's event runs them:
// - `matches()` is RE2 (linear time): the library's own `matches` is a backtracking JavaScript
//   RegExp, and its overload cannot be replaced, so each `x.matches(p)` call is rewritten to our
//   `re2_matches` before it is checked; a literal pattern RE2 cannot express is refused at save;
// - comprehensions (all, exists, exists_one, map, filter) do not nest: with at most 200 nodes and
//   no lists in event payloads, one evaluation is a few thousand steps at most;
// - the parser's limits (nodes, depth) and MAX_EXPRESSION cap the rest.
import { type ASTNode, Environment } from '@marcbachmann/cel-js';
import { Kind, type TSchema } from '@sinclair/typebox';
import { regexFinds, regexProblem } from '../../domain/linear-pattern.js';
import { EVENT_TYPES } from '../events/index.js';

export const MAX_EXPRESSION = 500;
const LINEAR_MATCHES = 're2_matches';
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

type CelSchema = { [k: string]: string | CelSchema };

/** The CEL type of a payload field: ints are CEL ints (values given as BigInt), nullable ones dyn. */
function celType(s: TSchema): string | CelSchema {
  switch (s[Kind]) {
    case 'Integer':
      return 'int';
    case 'Number':
      return 'double';
    case 'String':
      return 'string';
    case 'Boolean':
      return 'bool';
    case 'Object':
      return Object.fromEntries(
        Object.entries((s as unknown as { properties: Record<string, TSchema> }).properties).map(([k, v]) => [k, celType(v)]),
      );
    case 'Array':
      return 'list';
    default:
      return 'dyn';
  }
}

const environments = new Map<string, Environment>();

/** The environment of an event type (or of a measured trigger: no payload, a `value`). */
export function environmentOf(eventType: string | null) {
  const key = eventType ?? '(measure)';
  let env = environments.get(key);
  if (!env) {
    env = new Environment({ homogeneousAggregateLiterals: false, limits: { maxAstNodes: 200, maxDepth: 20 } })
      .registerVariable('event_type', 'string')
      .registerVariable('tenant_id', 'int')
      .registerVariable('value', 'double')
      .registerVariable('object', 'string')
      .registerFunction(`string.${LINEAR_MATCHES}(string): bool`, (text: string, pattern: string) => {
        const problem = regexProblem(pattern);
        if (problem) throw new Error(problem);
        return regexFinds(pattern, text);
      });
    const info = EVENT_TYPES.find((t) => t.type === eventType);
    const schema = info ? celType(info.data) : null;
    if (schema && typeof schema === 'object') env.registerVariable({ name: 'data', schema });
    else env.registerVariable('data', 'map');
    environments.set(key, env);
  }
  return env;
}

const childrenOf = (n: ASTNode): ASTNode[] =>
  (Array.isArray(n.args) ? (n.args as unknown[]) : [n.args]).flatMap((a) =>
    Array.isArray(a) ? (a as ASTNode[]) : a && typeof a === 'object' && 'op' in a ? [a as ASTNode] : [],
  );

const hasCall = (n: ASTNode, name: string): boolean =>
  ((n.op === 'rcall' || n.op === 'call') && (n.args as unknown[])[0] === name) || childrenOf(n).some((c) => hasCall(c, name));

/** The expression as it runs (every `.matches(` made `.re2_matches(`) and what its parse shows
 * is out of bounds: a nested comprehension, a literal pattern RE2 refuses. Throws on a syntax
 * error. */
function linearForm(expression: string, env: Environment): { source: string; problem: string | null } {
  const ast = (env.parse(expression) as unknown as { ast: ASTNode }).ast;
  const renames: number[] = [];
  let problem: string | null = null;
  const walk = (n: ASTNode, inComprehension: boolean) => {
    let nested = inComprehension;
    if (n.op === 'rcall') {
      const [name, receiver, args] = n.args as [string, ASTNode, ASTNode[]];
      if (COMPREHENSIONS.has(name)) {
        if (inComprehension) problem ??= `comprehensions (${name} inside another) do not nest in a rule's expression`;
        nested = true;
      }
      if (name === 'matches') {
        const gap = expression.slice(receiver.end, args[0]?.start ?? n.end);
        const at = gap.slice(0, gap.lastIndexOf('(')).lastIndexOf('matches');
        if (at >= 0) renames.push(receiver.end + at);
        const pattern = args[0];
        if (pattern?.op === 'value' && typeof pattern.args === 'string') {
          const refused = regexProblem(pattern.args);
          if (refused) problem ??= `matches(): ${refused}`;
        }
      }
    }
    for (const c of childrenOf(n)) walk(c, nested);
  };
  walk(ast, false);
  let source = expression;
  for (const at of renames.sort((a, b) => b - a))
    source = `${source.slice(0, at)}${LINEAR_MATCHES}${source.slice(at + 'matches'.length)}`;
  // Whatever the spelling (comments, spaces), no call to the backtracking `matches` survives.
  if (renames.length && hasCall((env.parse(source) as unknown as { ast: ASTNode }).ast, 'matches'))
    problem ??= 'write matches() as text.matches(pattern), with nothing between the name and its parenthesis';
  return { source, problem };
}

const readable = (message: string) => message.split('\n')[0]?.replaceAll(LINEAR_MATCHES, 'matches') ?? 'invalid';

/** What is wrong with an expression for an event type (null: a boolean expression that checks). */
export function expressionProblem(expression: string, eventType: string | null) {
  if (expression.length > MAX_EXPRESSION) return `an expression has at most ${MAX_EXPRESSION} characters`;
  try {
    const env = environmentOf(eventType);
    const linear = linearForm(expression, env);
    if (linear.problem) return `the expression is refused: ${linear.problem}`;
    const checked = env.check(linear.source) as { valid: boolean; type?: string; error?: Error };
    if (!checked.valid) return `the expression does not check: ${readable(checked.error?.message ?? 'invalid')}`;
    if (checked.type !== 'bool') return `the expression must be true or false, not ${checked.type}`;
    return null;
  } catch (e) {
    return `the expression does not parse: ${readable((e as Error).message)}`;
  }
}

/** A payload as CEL reads it: integers as BigInt (CEL ints), the rest as it is. */
function celValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(celValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, celValue(x)]));
  return v;
}

export type CelContext = Record<string, unknown>;

/** The variables of an expression for an event (built once per event, read by every rule). */
export const celContext = (c: { data: unknown; event_type: string; tenant_id: number; value?: number }): CelContext => ({
  data: celValue(c.data ?? {}),
  event_type: c.event_type,
  tenant_id: BigInt(c.tenant_id),
  value: c.value ?? 0,
  object: '',
});

const compiled = new Map<string, (ctx: CelContext) => unknown>();

/** Whether the expression holds (an error while evaluating — a missing value, a division by
 * zero — is false, with the reason). */
export function holds(
  expression: string,
  eventType: string | null,
  ctx: CelContext,
  object: string,
): { ok: boolean; error?: string } {
  const key = `${eventType ?? ''}\u0000${expression}`;
  let run = compiled.get(key);
  if (!run) {
    const env = environmentOf(eventType);
    const linear = linearForm(expression, env);
    // A rule saved before these bounds that breaks one never runs: it does not hold.
    if (linear.problem) return { ok: false, error: linear.problem };
    run = env.parse(linear.source) as unknown as (c: CelContext) => unknown;
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, run);
  }
  try {
    ctx.object = object;
    return { ok: run(ctx) === true };
  } catch (e) {
    return { ok: false, error: readable((e as Error).message) };
  }
}
