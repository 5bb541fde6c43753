// api/ has no import cycle: a module never imports, through others, a module that imports it. (A
// cycle makes load order matter: a value read before its module finished loading is undefined.)
// Type-only imports count too: they are how a cycle starts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../infra/paths';

/** The .ts files under a folder, as absolute paths. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The relative modules a file imports or re-exports, resolved to files (those outside `within` left out). */
export function importsOf(file: string, within: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.[^'"]+)['"]/gm)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (target && target.startsWith(within + path.sep)) out.push(target);
  }
  return out;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('imports in api/', () => {
  it('form no cycle', () => {
    const root = fromRoot('api');
    const graph = new Map(sources(root).map((f) => [f, importsOf(f, root)]));
    assert.ok(graph.size > 40, `read ${graph.size} files`);
    const found = cycles(graph).map((c) => c.map((f) => path.relative(root, f)).join(' → '));
    assert.deepEqual(found, [], `import cycles in api/:\n  ${found.join('\n  ')}`);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(cycles(graph), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
      [],
    );
  });
});
