// A rule's condition expression: CEL (the Common Expression Language: non-Turing-complete, no
// side effects, bounded), parsed and type-checked when the rule is saved against the payload
// schema of its event type (an unknown field or a wrong type is refused then), evaluated by an
// interpreter (@marcbachmann/cel-js), never by eval. Variables: `data` (the event's payload),
// `event_type`, `tenant_id`, and for measured triggers `value` (the measured value).
import { Environment } from '@marcbachmann/cel-js';
import { Kind, type TSchema } from '@sinclair/typebox';
import { EVENT_TYPES } from '../events/index.js';

export const MAX_EXPRESSION = 500;

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
      .registerVariable('object', 'string');
    const info = EVENT_TYPES.find((t) => t.type === eventType);
    const schema = info ? celType(info.data) : null;
    if (schema && typeof schema === 'object') env.registerVariable({ name: 'data', schema });
    else env.registerVariable('data', 'map');
    environments.set(key, env);
  }
  return env;
}

/** What is wrong with an expression for an event type (null: a boolean expression that checks). */
export function expressionProblem(expression: string, eventType: string | null) {
  if (expression.length > MAX_EXPRESSION) return `an expression has at most ${MAX_EXPRESSION} characters`;
  try {
    const checked = environmentOf(eventType).check(expression) as { valid: boolean; type?: string; error?: Error };
    if (!checked.valid) return `the expression does not check: ${checked.error?.message.split('\n')[0] ?? 'invalid'}`;
    if (checked.type !== 'bool') return `the expression must be true or false, not ${checked.type}`;
    return null;
  } catch (e) {
    return `the expression does not parse: ${(e as Error).message.split('\n')[0]}`;
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
    run = environmentOf(eventType).parse(expression) as unknown as (c: CelContext) => unknown;
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, run);
  }
  try {
    ctx.object = object;
    return { ok: run(ctx) === true };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0] };
  }
}
