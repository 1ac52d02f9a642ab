/**
 * The headless Chromium inside the `@sparticuz/chromium` package (Linux x64), unpacked once into
 * `node_modules/.cache/`. The package's own `executablePath()` unpacks into a fixed `/tmp/chromium`
 * and trusts any file already there, so two test workers starting together (or two checkouts on one
 * machine) can launch a half-written binary; here each unpack writes a private file and renames
 * it into place, which is atomic. Only the browser is unpacked: its fonts, GL libraries and
 * serverless flags are not needed (the pages bring their own web fonts, and `--disable-gpu`).
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { createBrotliDecompress } from 'zlib';

/** The package folder, found without loading it (it is an ES module, and only needed on Linux). */
function packageDir(): string {
  // `exports` hides package.json, and the entry sits at a depth that changes between versions
  // (build/index.js, build/cjs/index.cjs): walk up from it to the folder holding `bin/`.
  let dir = path.dirname(createRequire(__filename).resolve('@sparticuz/chromium'));
  while (!fs.existsSync(path.join(dir, 'bin', 'chromium.br'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('@sparticuz/chromium has no bin/chromium.br');
    dir = parent;
  }
  return dir;
}

function cacheDir(version: string): string {
  return path.resolve(__dirname, '..', 'node_modules', '.cache', 'iotexplorer-resource-uploader', `chromium-${version}`);
}

let unpacking: Promise<string> | undefined;

export function packagedChromium(): Promise<string> {
  unpacking ??= unpack().catch((err: unknown) => {
    unpacking = undefined;
    throw err;
  });
  return unpacking;
}

async function unpack(): Promise<string> {
  let dir: string;
  try {
    dir = packageDir();
  } catch {
    throw new Error('@sparticuz/chromium is not installed: run `npm ci` (or set CHROMIUM_PATH to a Chromium, Chrome or Edge)');
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(cacheDir(version), 'chromium');
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeAbandoned(path.dirname(target));
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    await pipeline(fs.createReadStream(path.join(dir, 'bin', 'chromium.br')), createBrotliDecompress(), fs.createWriteStream(partial, { mode: 0o755 }));
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return target;
}

/** A process killed while unpacking leaves its 200 MB partial file; one untouched for 10 minutes is abandoned. */
function removeAbandoned(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.partial')) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > 10 * 60_000) fs.rmSync(file, { force: true });
    } catch {
      // gone already: another process cleaned up
    }
  }
}
