// Modules depend on each other in one direction only: the graph of modules (a module depends on
// another when one of its files imports one of the other's) has no cycle. A table naming another
// module's table for a foreign key is schema, not a dependency (docs/architecture.md). Read with
// dependency-cruiser, the tool behind `npm run lint:deps`, which checks the file-level rules.
import { existsSync, readdirSync } from 'node:fs';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1];
const isTable = (path: string) => path.endsWith('.table.ts');

async function moduleGraph() {
  const result = await cruise(['src'], {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
  });
  const output = result.output as { modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }> };
  const graph = new Map<string, Set<string>>();
  for (const m of output.modules) {
    const from = moduleOf(m.source);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const d of m.dependencies) {
      const to = moduleOf(d.resolved);
      if (to && to !== from && !(isTable(m.source) && isTable(d.resolved))) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's path, found by depth-first search (each reported once, from its smallest module). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.add([...path, start].join(' -> '));
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const m of [...graph.keys()].sort()) walk(m, m, [m]);
  return [...found];
}

describe('the module graph', () => {
  it('gives every module one public surface, its index.ts (npm run lint:deps keeps every other import out)', () => {
    const modules = readdirSync(new URL('../src/modules/', import.meta.url));
    expect(modules.length).toBeGreaterThan(15);
    expect(modules.filter((m) => !existsSync(new URL(`../src/modules/${m}/index.ts`, import.meta.url)))).toEqual([]);
  });

  it('has no cycle between modules', async () => {
    const graph = await moduleGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(graph.get('clients')?.has('commands')).toBe(true); // the graph is read, not empty
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual(['a -> b -> c -> a']);
  });
});
