// docs/architecture.md's table of what may import what is the dependency-cruiser configuration
// that `npm run lint:deps` enforces (over src/ and web/src/), rule for rule: a rule changed in one
// place and not the other fails here, with the table to paste.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface Side {
  path?: string | string[];
  pathNot?: string | string[];
  circular?: boolean;
}
interface Rule {
  name: string;
  comment: string;
  from: Side;
  to: Side;
}

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: Rule[] };
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const code = (v: string) => `\`${v.replaceAll('|', '\\|')}\``;
const side = (s: Side) =>
  [...list(s.path).map(code), ...(s.circular ? ['a cycle'] : []), ...list(s.pathNot).map((p) => `except ${code(p)}`)].join(' ');

/** The table as the configuration says it. */
function importRulesTable(rules: Rule[]) {
  return [
    '| rule | from | may not import | why |',
    '|---|---|---|---|',
    ...rules.map((r) => `| ${r.name} | ${side(r.from)} | ${side(r.to)} | ${r.comment.replaceAll('|', '\\|')} |`),
  ].join('\n');
}

describe('the import rules', () => {
  it('are written in docs/architecture.md exactly as dependency-cruiser enforces them', () => {
    const doc = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
    const listed = doc.split('<!-- import-rules:start -->')[1]?.split('<!-- import-rules:end -->')[0]?.trim();
    expect(listed, 'docs/architecture.md: replace the table between the import-rules markers with the one expected').toBe(
      importRulesTable(config.forbidden),
    );
  });

  it('hold the console to the pure files of the domain, and the server away from the console', () => {
    const names = config.forbidden.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['console-imports-pure-domain-only', 'server-does-not-import-the-console']));
    const consoleRule = config.forbidden.find((r) => r.name === 'console-imports-pure-domain-only') as Rule;
    const allowed = new RegExp(list(consoleRule.to.pathNot)[0] as string);
    expect(['src/domain/pool-levels.ts', 'src/domain/stats-range.ts'].every((f) => allowed.test(f))).toBe(true);
    expect(['src/app/config.ts', 'src/domain/roles.ts', 'src/modules/clients/index.ts'].some((f) => allowed.test(f))).toBe(false);
  });
});
