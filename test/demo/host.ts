/**
 * The demo mini-program as a host developer gets it running: `npm install` in `miniprogram/`
 * (here done offline: the same symlinks npm makes for `file:..` and for the installed @vant/weapp),
 * then WeChat's own "Build npm" (`miniprogram-ci` `packNpmManually`) into `miniprogram_npm`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const DEMO = path.join(ROOT, 'miniprogram');

interface HostPackage {
  dependencies: Record<string, string>;
}

/** `^1.11.7` against an installed `1.11.7`: the only range shape the demo uses. */
function satisfiesCaret(range: string, version: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || !v) return false;
  const [rM, rm, rp] = m.slice(1).map(Number);
  const [vM, vm, vp] = v.slice(1).map(Number);
  return vM === rM && (vm > rm || (vm === rm && vp >= rp));
}

/**
 * A host folder holding the demo's package.json and the node_modules `npm install` would make,
 * outside the work tree so concurrent runs never share it.
 */
export function makeHost(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(DEMO, 'package.json'), 'utf8')) as HostPackage;
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.copyFileSync(path.join(DEMO, 'package.json'), path.join(dir, 'package.json'));
  for (const [name, spec] of Object.entries(pkg.dependencies)) {
    let target: string;
    if (spec.startsWith('file:')) {
      target = path.resolve(DEMO, spec.slice('file:'.length));
    } else {
      target = path.join(ROOT, 'node_modules', name);
      const installed = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as { version: string };
      if (!satisfiesCaret(spec, installed.version)) throw new Error(`${name}@${installed.version} does not satisfy the demo's ${spec}`);
    }
    const link = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, 'dir');
  }
  return path.join(dir, 'package.json');
}

/** A copy of the demo project (project.config.json + miniprogram/, without any built npm). */
export function copyProject(dir: string): string {
  fs.copyFileSync(path.join(ROOT, 'project.config.json'), path.join(dir, 'project.config.json'));
  fs.cpSync(DEMO, path.join(dir, 'miniprogram'), {
    recursive: true,
    filter: (src) => path.basename(src) !== 'miniprogram_npm' && path.basename(src) !== 'node_modules',
  });
  return dir;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
