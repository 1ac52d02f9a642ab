/**
 * Builds `components/` into `miniprogram_dist/` (what WeChat loads) and `types/` (what editors read).
 *
 * Scripts are bundled per mini-program module, not compiled per source file: one CommonJS
 * interop header per `.ts` file was a third of the package. So
 *  - `core/index.js` holds `components/core/` and `components/platform/`, once, and any component
 *    source the entry uses too (found by bundling: no source is ever copied into two modules);
 *  - `index.js` (the package entry) and each component's `index.js` bundle their own sources and
 *    `require` the shared core (and the component the entry, which binds WeChat) instead of
 *    copying it: the `shared` plugin below marks those imports external;
 *  - esbuild writes ES modules and `toCommonJs` turns their few import/export statements into
 *    `require` and `module.exports`, so no file carries esbuild's CommonJS helpers at all.
 * Each module is then minified (whitespace, syntax, module-local names; `module.exports` and
 * `require` names stay, so the modules still fit together; text stays UTF-8). DevTools minifies
 * again on upload, but what `miniprogram_npm` carries before that, in every host's project and
 * every "Build npm", is this output: readable names there cost a third of the package. Names
 * are what `types/` and the sources are for.
 * Templates, styles and JSON lose their comments and layout whitespace the same way (see
 * `minifyWxml`: text a user can see keeps every space); assets are copied as bytes.
 *
 * `host-testing/` (the emulator and a Node `wx` for hosts' own tests) is bundled apart, for Node,
 * into `testing/` (`require('iotexplorer-resource-uploader/testing')`), outside `miniprogram_dist`
 * so WeChat's "Build npm" never copies it.
 */
import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { dest, parallel, series, src, watch } from 'gulp';

const SRC = path.resolve(__dirname, 'components');
const DIST = path.resolve(__dirname, 'miniprogram_dist');
/** Declarations live outside `miniprogram_dist`, so WeChat's "Build npm" never copies them. */
const TYPES = path.resolve(__dirname, 'types');
/** The Node-only testing entry: its sources, and the folder `npm pack` ships. */
const TESTING_SRC = path.resolve(__dirname, 'host-testing');
const TESTING = path.resolve(__dirname, 'testing');
const TEXT_FILES = 'components/**/*.{wxml,wxss,json,wxs}';
const ASSET_FILES = 'components/**/*.{png,jpg,jpeg,gif,svg,webp,ttf,woff,woff2}';

/** Source folders that make up the shared core module, and where it is written. */
const SHARED_DIRS = ['core', 'platform'];
const SHARED_MODULE = 'core/index';
/** The package entry (`components/index.ts` → `index.js`): binds the WeChat platform. */
const ENTRY_MODULE = 'index';

const BASE: esbuild.BuildOptions = {
  bundle: true,
  write: false,
  format: 'esm',
  target: 'es2018',
  platform: 'neutral',
  charset: 'utf8',
  minifySyntax: true,
  logLevel: 'warning',
};

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    // A `types.ts` holds types only: it ships as its `.d.ts` (from tsc), never as an empty module.
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && path.basename(f) !== 'types.ts')
    .map((f) => path.join(dir, f));
}

/** `components/resource-uploader/index.ts` for every folder holding a component (`index.json`). */
function componentEntries(): string[] {
  return fs
    .readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !SHARED_DIRS.includes(e.name) && fs.existsSync(path.join(SRC, e.name, 'index.json')))
    .map((e) => path.join(SRC, e.name, 'index.ts'));
}

/** `./x` or `../x`: a `require` path from the output module `from` to the output module `to`. */
function requirePath(from: string, to: string): string {
  const rel = posix(path.relative(path.dirname(from), to));
  return rel.startsWith('.') ? rel : './' + rel;
}

/** Which shared output module a source file belongs to, if any; `extra` are more shared sources. */
function sharedModuleOf(file: string, extra: Set<string>): string | null {
  const rel = posix(path.relative(SRC, file)).replace(/\.ts$/, '');
  if (rel === ENTRY_MODULE) return ENTRY_MODULE;
  return SHARED_DIRS.some((d) => rel.startsWith(d + '/')) || extra.has(file) ? SHARED_MODULE : null;
}

/** Imports of shared code become `require`s of the shared module instead of copies of it. */
function shared(outModule: string, extra: Set<string>): esbuild.Plugin {
  return {
    name: 'shared',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        // The inner `build.resolve` below comes back through here: let esbuild answer it.
        if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
        if (resolved.errors.length) return undefined;
        const target = sharedModuleOf(resolved.path, extra);
        if (!target || target === outModule) return undefined;
        return { path: requirePath(outModule, target), external: true };
      });
    },
  };
}

/**
 * esbuild's ES-module output → CommonJS, by hand: `import {a, b as c} from "x"` becomes one
 * `const { a, b: c } = require("x")` per module, the final `export {…}` becomes `module.exports`.
 * Every exported binding is a function, class or constant, so the copy equals the live binding.
 * Anything else esbuild might write (default or namespace imports) fails the build.
 */
export function toCommonJs(code: string, file: string): string {
  const imports = new Map<string, Set<string>>();
  let body = code.replace(/^import \{([^}]*)\} from "([^"]+)";\n/gm, (_, names: string, from: string) => {
    const set = imports.get(from) || new Set<string>();
    for (const spec of names.split(',').map((s) => s.trim()).filter(Boolean)) set.add(spec.replace(/^(\S+) as (\S+)$/, '$1: $2'));
    imports.set(from, set);
    return '';
  });
  body = body.replace(/^import "([^"]+)";\n/gm, (_, from: string) => {
    if (!imports.has(from)) imports.set(from, new Set());
    return '';
  });
  let exported = '';
  body = body.replace(/^export \{([^}]*)\};\n/m, (_, names: string) => {
    const specs = names.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.replace(/^(\S+) as (\S+)$/, '$2: $1'));
    for (const local of specs.map((s) => s.split(': ').pop()!)) {
      // A binding assigned again after its declaration would go stale in module.exports.
      if (new RegExp(`^\\s*${local.replace(/\$/g, '\\$')}\\s*([-+*/|&]?=)[^=]`, 'm').test(body)) throw new Error(`${file}: exported ${local} is reassigned`);
    }
    exported = `module.exports = {\n  ${specs.join(',\n  ')}\n};\n`;
    return '';
  });
  // A source that only imported leaves its `// components/…` marker over nothing: drop it.
  body = body.replace(/^\/\/ [^\n]+\n\n(?=\/\/ |$)/gm, '');
  const leftover = /^(import|export)\b.*$/m.exec(body);
  if (leftover) throw new Error(`${file}: cannot turn "${leftover[0]}" into CommonJS`);
  const requires = [...imports].map(([from, names]) => (names.size ? `const { ${[...names].join(', ')} } = require("${from}");\n` : `require("${from}");\n`));
  return '"use strict";\n' + requires.join('') + body + exported;
}

/** The export names the other modules import from the shared core, read off their output. */
function importedFromShared(outputs: Map<string, string>): string[] {
  const names = new Set<string>();
  for (const [module, code] of outputs) {
    const sharedPath = requirePath(module, SHARED_MODULE);
    for (const m of code.matchAll(/^import \{([^}]*)\} from "([^"]+)";$/gm)) {
      if (m[2] !== sharedPath) continue;
      for (const spec of m[1].split(',').map((s) => s.trim()).filter(Boolean)) names.add(spec.split(/\s+as\s+/)[0]);
    }
  }
  return [...names].sort();
}

function textOf(result: esbuild.BuildResult): string {
  if (!result.outputFiles || result.outputFiles.length !== 1) throw new Error('esbuild: expected one output file');
  return result.outputFiles[0].text;
}

/**
 * The CommonJS text minified as one module (`format: 'cjs'` lets esbuild rename its top-level
 * names: nothing outside reads them, only `module.exports`). Run after `toCommonJs`, whose
 * line-by-line conversion needs esbuild's readable ES output.
 */
export async function minifyModule(code: string, mangle?: Mangle): Promise<string> {
  const result = await esbuild.transform(code, {
    minify: true,
    format: 'cjs',
    target: BASE.target,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    ...(mangle && { mangleProps: mangle.names, mangleCache: mangle.cache }),
  });
  if (mangle && result.mangleCache) mangle.cache = result.mangleCache;
  return result.code;
}

/**
 * Which property names the minifier may shorten, and what it shortened them to so far: one cache
 * for every module, so a member keeps one short name wherever the package reads it.
 */
export interface Mangle {
  names: RegExp;
  cache: Record<string, string | false>;
}

const WORD = /[A-Za-z_$][\w$]*/g;

function wordsOf(text: string): Set<string> {
  return new Set(text.match(WORD) || []);
}

function filesUnder(dir: string, test: (file: string) => boolean): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(test)
    .map((f) => path.join(dir, f));
}

/**
 * The names the minifier may shorten: class members declared `private` (read off tsc's
 * declarations in `types/`), and `exports` the shared core hands only to the package's own modules
 * (the entry's exports are the JS API and keep their names). A name is left alone if anything
 * outside could read it by that name: any other name in the declarations (a public member, an
 * option; parameter names and comments are not read by anyone), a word of the templates, of the
 * README's code, of WeChat's and JavaScript's own declarations, or of a string in the sources (`o[key]`).
 */
export function shortenableNames(internalExports: string[] = []): string[] {
  const own = new Set(internalExports);
  const privates = new Set<string>();
  const seen = new Set<string>();
  for (const f of filesUnder(TYPES, (f) => f.endsWith('.d.ts'))) declarationNames(f, own, privates, seen);
  const outside = [
    ...filesUnder(SRC, (f) => /\.(wxml|wxs|json)$/.test(f)).map((f) => fs.readFileSync(f, 'utf8')),
    codeOf(fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8')),
    ...filesUnder(path.join(__dirname, 'node_modules/miniprogram-api-typings/types'), (f) => f.endsWith('.d.ts')).map((f) => fs.readFileSync(f, 'utf8')),
    ...filesUnder(path.join(__dirname, 'node_modules/typescript/lib'), (f) => /^lib\.es[\w.]*\.d\.ts$/.test(f)).map((f) => fs.readFileSync(f, 'utf8')),
    ...filesUnder(SRC, (f) => f.endsWith('.ts')).map(stringsOf),
  ];
  for (const text of outside) for (const w of wordsOf(text)) seen.add(w);
  return [...new Set([...privates, ...own])].filter((name) => !seen.has(name)).sort();
}

/**
 * Walks one declaration file: the names of `private` members go to `privates`, every other name
 * to `seen`, except parameter and type-parameter names and the declared names of `own` exports.
 */
function declarationNames(file: string, own: Set<string>, privates: Set<string>, seen: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) return void seen.add(node.text);
    if (ts.isStringLiteral(node)) return void wordsOf(node.text).forEach((w) => seen.add(w));
    const name = (node as { name?: ts.Node }).name;
    const isPrivate = ts.canHaveModifiers(node) && (ts.getModifiers(node) || []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
    let skip: ts.Node | undefined;
    if (ts.isParameter(node) || ts.isTypeParameterDeclaration(node)) skip = name;
    else if (isPrivate && ts.isClassElement(node) && name && ts.isIdentifier(name)) {
      privates.add(name.text);
      skip = name;
    } else if (name && ts.isIdentifier(name) && own.has(name.text) && (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node))) skip = name;
    ts.forEachChild(node, (child) => (child === skip ? undefined : visit(child)));
  };
  visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false));
}

/** The text of a source's string and template literals: what `o[key]` could be reading. */
function stringsOf(file: string): string {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false));
  return out.join('\n');
}

/** The code of a Markdown text: fenced blocks and `inline` spans (prose names no member). */
function codeOf(markdown: string): string {
  return (markdown.match(/```[\s\S]*?```|`[^`\n]+`/g) || []).join('\n');
}

/** The names a module's ES output exports (`export { a, b as c }` → a, c). */
function exportsOf(code: string): string[] {
  const m = /^export \{([^}]*)\};$/m.exec(code);
  return m ? m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!).filter(Boolean) : [];
}

async function writeModule(module: string, code: string, mangle: Mangle): Promise<void> {
  const out = path.join(DIST, module + '.js');
  await fs.promises.mkdir(path.dirname(out), { recursive: true });
  await fs.promises.writeFile(out, await minifyModule(toCommonJs(code, module + '.js'), mangle));
}

export async function clean(): Promise<void> {
  await Promise.all([DIST, TYPES, TESTING].map((d) => fs.promises.rm(d, { recursive: true, force: true })));
}

/** One tsc run type-checks the sources and writes the `.d.ts` files hosts' editors read. */
export function types(cb: () => void): void {
  execFileSync(process.execPath, [path.join(__dirname, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--declaration', '--emitDeclarationOnly', '--outDir', TYPES], { stdio: 'inherit' });
  cb();
}

export interface Bundles {
  /** Output module (`core/index`) → its ES module text. */
  code: Map<string, string>;
  /** Output module → the source files bundled into it. */
  sources: Map<string, string[]>;
}

function sourcesOf(result: esbuild.BuildResult): string[] {
  return Object.keys(result.metafile ? result.metafile.inputs : {})
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.resolve(f));
}

/** The entry, each component, then the shared core exporting just what the others import from it. */
async function bundle(extra: Set<string>): Promise<Bundles> {
  const out: Bundles = { code: new Map(), sources: new Map() };
  const entries = [path.join(SRC, ENTRY_MODULE + '.ts'), ...componentEntries()];
  await Promise.all(
    entries.map(async (entry) => {
      const module = posix(path.relative(SRC, entry)).replace(/\.ts$/, '');
      const result = await esbuild.build({ ...BASE, metafile: true, entryPoints: [entry], outfile: path.join(DIST, module + '.js'), plugins: [shared(module, extra)] });
      out.code.set(module, textOf(result));
      out.sources.set(module, sourcesOf(result));
    }),
  );
  // The core is entered through its face (core/index.ts re-exports every core file); the other
  // shared folders file by file. Listing a core file beside its face would export its names twice.
  const sharedSources = SHARED_DIRS.flatMap((d) => (fs.existsSync(path.join(SRC, d, 'index.ts')) ? [path.join(SRC, d, 'index.ts')] : listTs(path.join(SRC, d))));
  const all = [...sharedSources, ...extra].map((f) => `export * from './${posix(path.relative(SRC, f)).replace(/\.ts$/, '')}';`);
  const names = importedFromShared(out.code);
  const core = await esbuild.build({
    ...BASE,
    metafile: true,
    stdin: { contents: `export { ${names.join(', ')} } from './${SHARED_MODULE}.all';`, resolveDir: SRC, sourcefile: SHARED_MODULE + '.shared.ts', loader: 'ts' },
    outfile: path.join(DIST, SHARED_MODULE + '.js'),
    plugins: [
      {
        name: 'all-shared-sources',
        setup(build) {
          build.onResolve({ filter: /\.all$/ }, () => ({ path: 'all', namespace: 'shared-core' }));
          build.onLoad({ filter: /.*/, namespace: 'shared-core' }, () => ({ contents: all.join('\n'), resolveDir: SRC, loader: 'ts' }));
        },
      },
    ],
  });
  out.code.set(SHARED_MODULE, textOf(core));
  out.sources.set(SHARED_MODULE, sourcesOf(core));
  return out;
}

/** The bundles as they will be written, each module with the sources it holds. */
export async function plan(): Promise<Bundles> {
  // A component source the entry also uses (or the core, through one of those) would be copied
  // into two modules: move it to the shared core and bundle again, until every source has one home.
  const extra = new Set<string>();
  for (;;) {
    const bundles = await bundle(extra);
    const homes = new Map<string, number>();
    for (const list of bundles.sources.values()) for (const f of list) homes.set(f, (homes.get(f) || 0) + 1);
    const twice = [...homes].filter(([f, n]) => n > 1 && !extra.has(f)).map(([f]) => f);
    if (!twice.length) return bundles;
    for (const f of twice) extra.add(f);
  }
}

export async function scripts(): Promise<void> {
  const bundles = await plan();
  const entry = new Set(exportsOf(bundles.code.get(ENTRY_MODULE) || ''));
  const names = shortenableNames(exportsOf(bundles.code.get(SHARED_MODULE) || '').filter((name) => !entry.has(name)));
  const mangle: Mangle = { names: names.length ? new RegExp(`^(?:${names.join('|')})$`) : /(?!)/, cache: {} };
  // One module after the other: each passes on the names the ones before it chose.
  for (const [module, code] of bundles.code) await writeModule(module, code, mangle);
}

/**
 * WXML without its comments and its layout: a whitespace-only run between tags that holds a line
 * break (indentation), whitespace between attributes, and the spaces just inside `{{ }}` go; any
 * other text, and everything inside quoted attribute values and `{{ }}`, is copied as written.
 */
export function minifyWxml(wxml: string): string {
  let out = '';
  let i = 0;
  while (i < wxml.length) {
    if (wxml.startsWith('<!--', i)) {
      const end = wxml.indexOf('-->', i + 4);
      if (end < 0) throw new Error('wxml: unclosed comment');
      i = end + 3;
    } else if (wxml[i] === '<') {
      // A tag: collapse the whitespace between its parts, keep quoted values whole.
      let tag = '';
      for (i++; i < wxml.length && wxml[i] !== '>'; i++) {
        const c = wxml[i];
        if (c === '"' || c === "'") {
          const end = closingQuote(wxml, i, 'attribute value');
          tag += wxml.slice(i, end + 1);
          i = end;
        } else if (/\s/.test(c)) {
          if (!tag.endsWith(' ')) tag += ' ';
        } else tag += c;
      }
      i++;
      out += '<' + tag.replace(/\s+(\/?)$/, '$1').replace(/\s\/$/, '/') + '>';
    } else {
      let end = i;
      while (end < wxml.length && wxml[end] !== '<') end = wxml.startsWith('{{', end) ? Math.max(wxml.indexOf('}}', end) + 2, end + 2) : end + 1;
      const textRun = wxml.slice(i, end);
      if (!(/^\s*$/.test(textRun) && textRun.includes('\n'))) out += textRun;
      i = end;
    }
  }
  return out.replace(/\{\{([\s\S]*?)\}\}/g, (_, expr: string) => '{{' + squeezeExpression(expr) + '}}');
}

/** Where the quote that opens at `i` closes; none fails the build, naming `what` was left open. */
function closingQuote(text: string, i: number, what: string): number {
  const end = text.indexOf(text[i], i + 1);
  if (end < 0) throw new Error(`wxml: unclosed ${what}`);
  return end;
}

/** A mustache's expression without the spaces it does not need: string literals keep theirs. */
function squeezeExpression(expr: string): string {
  let out = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(expr, i, 'string in {{ }}');
      out += expr.slice(i, end + 1);
      i = end;
    } else if (/\s/.test(c)) {
      while (i + 1 < expr.length && /\s/.test(expr[i + 1])) i++;
      const before = out.slice(-1);
      const after = expr[i + 1] || '';
      // `a b` stays two words, `a - -b` must not become a decrement.
      if ((/[\w$]/.test(before) && /[\w$]/.test(after)) || (/[+-]/.test(before) && before === after)) out += ' ';
    } else out += c;
  }
  return out;
}

async function minifyText(file: string, text: string): Promise<string> {
  if (file.endsWith('.json')) return JSON.stringify(JSON.parse(text));
  if (file.endsWith('.wxml')) return minifyWxml(text);
  if (file.endsWith('.wxss')) {
    const css = (await esbuild.transform(text, { loader: 'css', minifyWhitespace: true, charset: 'utf8', logLevel: 'warning' })).code.trimEnd();
    // esbuild keeps custom properties' text verbatim; the space that opens a value or a var()
    // fallback is not part of it (CSS Syntax trims it), so it goes too.
    return css.replace(/(--[\w-]+): /g, '$1:').replace(/(var\(--[\w-]+), /g, '$1,');
  }
  return text;
}

export async function templates(): Promise<void> {
  const files = fs
    .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(wxml|wxss|json|wxs)$/.test(f));
  await Promise.all(
    files.map(async (f) => {
      const out = path.join(DIST, f);
      await fs.promises.mkdir(path.dirname(out), { recursive: true });
      await fs.promises.writeFile(out, await minifyText(f, await fs.promises.readFile(path.join(SRC, f), 'utf8')));
    }),
  );
}

/** gulp 5 reads files as UTF-8 unless told otherwise: images and fonts must stay bytes. */
export function assets(): NodeJS.ReadWriteStream {
  return src(ASSET_FILES, { encoding: false, allowEmpty: true }).pipe(dest(DIST));
}

/** One CommonJS bundle for Node: Node's built-ins stay `require`s, everything else is inside. */
export async function testingScript(): Promise<void> {
  const result = await esbuild.build({
    entryPoints: [path.join(TESTING_SRC, 'index.ts')],
    outfile: path.join(TESTING, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
  });
  // "No dependencies of its own" (SPEC 0.3): a bare import left outside the bundle fails the build.
  const outside = Object.values(result.metafile!.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !isNodeBuiltin(i.path));
  if (outside.length) throw new Error(`testing/index.js would load ${outside.map((i) => i.path).join(', ')}`);
  await fs.promises.writeFile(path.join(TESTING, 'package.json'), JSON.stringify({ private: true, main: 'index.js', types: 'index.d.ts' }, null, 2) + '\n');
}

function isNodeBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return name.startsWith('node:') || (require('module').builtinModules as string[]).includes(name);
}

/**
 * The entry's declarations: tsc writes them for every source it reads (emulator, core…) into a
 * scratch folder; only `index.d.ts` and the declarations it reaches are shipped, and those must
 * stay inside `testing/` (host-testing/types.ts holds every public type and imports nothing).
 */
export function testingTypes(cb: () => void): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ru-testing-types-'));
  try {
    execFileSync(process.execPath, [path.join(__dirname, 'node_modules/typescript/bin/tsc'), '-p', path.join(TESTING_SRC, 'tsconfig.json'), '--outDir', scratch], { stdio: 'inherit' });
    const from = path.join(scratch, 'host-testing');
    const pending = ['index.d.ts'];
    const shipped = new Set<string>();
    while (pending.length) {
      const file = pending.pop()!;
      if (shipped.has(file)) continue;
      shipped.add(file);
      const text = fs.readFileSync(path.join(from, file), 'utf8');
      for (const m of text.matchAll(/(?:from |import\()['"]([^'"]+)['"]/g)) {
        if (!m[1].startsWith('./')) throw new Error(`testing/${file} imports ${m[1]}: the shipped declarations must stand alone`);
        pending.push(m[1].slice(2) + '.d.ts');
      }
      fs.mkdirSync(TESTING, { recursive: true });
      fs.writeFileSync(path.join(TESTING, file), text);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  cb();
}

export const testing = series(testingScript, testingTypes);

export const build = series(clean, types, parallel(scripts, templates, assets, testing));

export function dev(): void {
  build(() => undefined);
  watch('components/**/*.ts', series(types, scripts));
  watch(TEXT_FILES, templates);
  watch(ASSET_FILES, assets);
}

export default build;
