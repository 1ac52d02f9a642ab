/**
 * A host mini-program project on disk, outside the work tree, the way a developer sets one up:
 * `iotexplorer-resource-uploader` (the built package, as `file:..` would link it), `@vant/weapp`,
 * and the dev tools its tests use, in its `node_modules`. Type-checks its TypeScript under
 * `strict` against the package's built `.d.ts` (in `types/`), as the host's editor and compiler would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'miniprogram_dist');

/** What a host installs: the package and its peer, plus typings and test tools for its own tests. */
const LINKED = ['@vant/weapp', 'miniprogram-api-typings', 'miniprogram-simulate', '@types/jest', '@types/node', 'typescript'];

export function requireBuild(): void {
  if (!fs.existsSync(path.join(ROOT, 'types/index.d.ts')) || !fs.existsSync(path.join(DIST, 'resource-uploader/index.js'))) {
    throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
  }
}

export interface HostProject {
  dir: string;
  write(file: string, content: string): string;
  remove(): void;
}

export function makeHostProject(prefix: string): HostProject {
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@types'), { recursive: true });
  fs.mkdirSync(path.join(modules, '@vant'), { recursive: true });
  // `npm i iotexplorer-resource-uploader` of this checkout: its package.json and its built miniprogram_dist.
  fs.symlinkSync(ROOT, path.join(modules, 'iotexplorer-resource-uploader'), 'dir');
  for (const name of LINKED) fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name), 'dir');
  return {
    dir,
    write(file, content) {
      const full = path.join(dir, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
      return full;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The compiler options a careful host uses (DevTools' TypeScript template, made strict). */
export function strictOptions(dir: string, types: string[]): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2018,
    module: ts.ModuleKind.CommonJS,
    lib: types.includes('jest') ? ['lib.es2020.d.ts', 'lib.dom.d.ts'] : ['lib.es2020.d.ts'],
    types,
    typeRoots: [path.join(dir, 'node_modules/@types'), path.join(dir, 'node_modules')],
    strict: true,
    noImplicitAny: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    esModuleInterop: true,
    // node, DOM and the wx typings all declare `require`, `console`… (TOOLCHAIN)
    skipLibCheck: true,
    noEmit: true,
  };
}

/** Every diagnostic, as `file:line: message`, with paths relative to the project. */
export function typeCheck(dir: string, files: string[], types: string[]): string[] {
  const program = ts.createProgram(
    files.map((f) => path.join(dir, f)),
    strictOptions(dir, types),
  );
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(dir, d.file.fileName)}:${line + 1}: TS${d.code}: ${text}`;
  });
}
