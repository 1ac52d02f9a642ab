/**
 * The mini-program's module system over `window.__FILE_MAP__`: WeChat's resolution (relative,
 * root-absolute, then `miniprogram_npm/` in each folder up) and one instance per module, as in
 * WeChat. simulate's own loader runs each component's entry file itself (without a cache, which
 * is right for entries); every `require` inside goes through here.
 */
import { pgWindow } from '../globals';

interface Module {
  exports: unknown;
}

const cache = new Map<string, Module>();

/** POSIX-normalises and drops the leading slash: map keys are root-relative. */
export function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function isSource(p: string): boolean {
  return typeof pgWindow.__FILE_MAP__[p] === 'string';
}

/** `x`, `x.js`, `x/index.js`: the first that exists. */
function asFile(base: string): string | null {
  const candidates = base.endsWith('.js') ? [base] : [base + '.js', base + '/index.js'];
  return candidates.find(isSource) ?? null;
}

export function resolve(spec: string, fromDir: string): string {
  if (spec.startsWith('/')) return asFile(normalize(spec)) ?? notFound(spec);
  const relative = asFile(normalize(fromDir + '/' + spec));
  if (relative || spec.startsWith('./') || spec.startsWith('../')) return relative ?? notFound(spec);
  return fromNpm(spec, fromDir) ?? notFound(spec);
}

/** `miniprogram_npm/<spec>` in `fromDir` or the nearest folder above it that has it. */
function fromNpm(spec: string, fromDir: string): string | null {
  for (let dir = normalize(fromDir); ; dir = dirname(dir)) {
    const found = asFile(normalize(`${dir}/miniprogram_npm/${spec}`));
    if (found) return found;
    if (dir === '') return null;
  }
}

let folders: Set<string> | null = null;

/** Every folder of the mini-program, from the file map's paths. */
function isFolder(dir: string): boolean {
  if (!folders) {
    folders = new Set(['']);
    for (const file of Object.keys(pgWindow.__FILE_MAP__)) {
      for (let d = dirname(file); d && !folders.has(d); d = dirname(d)) folders.add(d);
    }
  }
  return folders.has(dir);
}

/**
 * What simulate hands over is `path.join(dirname(file), spec)`, and for a package name
 * (`require('iotexplorer-resource-uploader')` in a page) that is `pages/index/iotexplorer-…`,
 * which names no file. Then the requiring file's folder is the longest leading part that is a
 * folder, the rest is the name, and WeChat looks it up in `miniprogram_npm/` from there.
 */
export function resolveJoined(joined: string): string {
  const path = normalize(joined);
  const direct = asFile(path);
  if (direct) return direct;
  const parts = path.split('/');
  let k = parts.length - 1;
  while (k > 0 && !isFolder(parts.slice(0, k).join('/'))) k--;
  const spec = parts.slice(k).join('/');
  return fromNpm(spec, parts.slice(0, k).join('/')) ?? notFound(spec);
}

function notFound(spec: string): never {
  // WeChat's own wording, so a message searched for online finds the same answers.
  throw new Error(`module "${spec}" is not defined`);
}

/** Runs a module once and returns its exports. */
export function requireFile(file: string): unknown {
  const cached = cache.get(file);
  if (cached) return cached.exports;
  const module: Module = { exports: {} };
  cache.set(file, module);
  const source = pgWindow.__FILE_MAP__[file] as string;
  try {
    // The same wrapper simulate uses; the file map declares `exports` itself (server/file-map.ts).
    // eslint-disable-next-line no-new-func
    new Function('require', 'module', source)((spec: string) => requireFile(resolve(spec, dirname(file))), module);
  } catch (err) {
    cache.delete(file);
    throw err;
  }
  return module.exports;
}

/**
 * simulate's loader calls `window.require(path.join(dir, spec))` for the requires of the files it
 * runs; route those through the cache too, so a component and the page share one core module.
 */
export function installRequire(): void {
  pgWindow.require = (joined: string) => requireFile(resolveJoined(joined));
}
