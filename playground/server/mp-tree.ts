/**
 * The demo mini-program as WeChat sees it after DevTools' "Build npm": the demo's own files plus
 * `miniprogram_npm/<dependency>/…`, each a copy of that package's `miniprogram` folder. Here the
 * copy is virtual (a path map), so the playground always serves the freshly built
 * `miniprogram_dist/` and never touches `miniprogram/miniprogram_npm`, which the demo's build owns.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

/** Virtual path inside the mini-program (`pages/index/index.js`) → absolute file on disk. */
export type MpTree = Map<string, string>;

/** What a mini-program loads at run time; type declarations and maps are left out. */
const RUNTIME_FILE = /\.(js|json|wxml|wxss|wxs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'miniprogram_npm', '.git']);

function walk(dir: string, into: (relative: string, absolute: string) => void, prefix = ''): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    const relative = prefix + entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(absolute, into, relative + '/');
    } else if (RUNTIME_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      into(relative, absolute);
    }
  }
}

interface PackageJson {
  name?: string;
  miniprogram?: string;
  dependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** The folder DevTools would copy for a dependency: its `miniprogram` field (packNpmManually does the same). */
function miniprogramDirOf(name: string, root: string): string {
  const own = readPackage(root);
  const packageDir = own.name === name ? root : path.dirname(createRequire(path.join(root, 'package.json')).resolve(`${name}/package.json`));
  const field = readPackage(packageDir).miniprogram;
  if (!field) throw new Error(`${name} has no "miniprogram" field: the playground only serves mini-program packages`);
  const dir = path.join(packageDir, field);
  if (!fs.existsSync(dir)) {
    throw new Error(`${path.relative(root, dir) || dir} is missing: run \`npm run build\` first`);
  }
  return dir;
}

export function collectTree(demoDir: string, root: string): MpTree {
  const tree: MpTree = new Map();
  walk(demoDir, (relative, absolute) => tree.set(relative, absolute));
  const deps = Object.keys(readPackage(demoDir).dependencies ?? {});
  for (const name of deps) {
    walk(miniprogramDirOf(name, root), (relative, absolute) => tree.set(`miniprogram_npm/${name}/${relative}`, absolute));
  }
  return tree;
}
