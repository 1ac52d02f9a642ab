/**
 * The package sources' shape (issue 17): no folder under components/ holds more than 12 source
 * files, and no file reaches itself through its imports, type-only imports included.
 */
import * as fs from 'fs';
import * as path from 'path';

const components = path.resolve(__dirname, '../../components');
const sources = fs
  .readdirSync(components, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => path.join(components, f));

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]|^import\s+['"](\.[^'"]+)['"]/gm)) {
    const base = path.resolve(path.dirname(file), m[1] || m[2]);
    const target = [base + '.ts', path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (!target) throw new Error(`${path.relative(components, file)} imports ${m[1] || m[2]}, which is not a source file`);
    out.push(target);
  }
  return out;
}

/** The first cycle found, as the files along it; null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    const at = stack.indexOf(file);
    if (at !== -1) return [...stack.slice(at), file];
    if (done.has(file)) return null;
    stack.push(file);
    for (const next of graph.get(file) || []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

test('no folder under components/ holds more than 12 source files', () => {
  const perFolder = new Map<string, number>();
  for (const f of sources) perFolder.set(path.dirname(f), (perFolder.get(path.dirname(f)) || 0) + 1);
  const crowded = [...perFolder].filter(([, n]) => n > 12).map(([dir, n]) => `${path.relative(components, dir) || '.'}: ${n}`);
  expect(crowded).toEqual([]);
  expect(perFolder.size).toBeGreaterThan(5);
});

test('the import graph of the sources has no cycle, type-only imports included', () => {
  const graph = new Map(sources.map((f) => [f, importsOf(f)]));
  expect([...graph.values()].flat().length).toBeGreaterThan(100);
  expect((findCycle(graph) || []).map((f) => path.relative(components, f))).toEqual([]);
});

test('the cycle finder sees a cycle of three files, and none where imports only fan in', () => {
  expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  expect(findCycle(new Map([['a', ['b']], ['b', []], ['c', ['b']]]))).toBeNull();
});
