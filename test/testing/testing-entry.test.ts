/**
 * The built `iotexplorer-resource-uploader/testing` as a host loads it: resolved by its package
 * name from a host's node_modules, loading only Node built-ins, and driving the built package's
 * real upload to its emulator through the `wx` it makes.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { builtinModules, createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type * as Testing from '../../host-testing';

const ROOT = path.resolve(__dirname, '../..');
/** Node's own require (the wx typings declare a `require` without `resolve`). */
const nodeRequire = createRequire(__filename);
const TESTING = path.join(ROOT, 'testing');
let host: string;
let testing: typeof Testing;

beforeAll(() => {
  if (!fs.existsSync(path.join(TESTING, 'index.js'))) throw new Error('testing/ is missing: run `npm run build` (npm test does) first');
  host = fs.mkdtempSync(path.join(os.tmpdir(), 'ru-testing-host-'));
  fs.mkdirSync(path.join(host, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(host, 'node_modules', 'iotexplorer-resource-uploader'), 'dir');
  testing = nodeRequire(nodeRequire.resolve('iotexplorer-resource-uploader/testing', { paths: [host] }));
});

afterAll(() => {
  fs.rmSync(host, { recursive: true, force: true });
  delete (globalThis as { wx?: unknown }).wx;
});

test('the package name /testing resolves to the bundle, beside main and miniprogram', () => {
  const resolved = nodeRequire.resolve('iotexplorer-resource-uploader/testing', { paths: [host] });
  expect(fs.realpathSync(resolved)).toBe(path.join(TESTING, 'index.js'));
  expect(fs.realpathSync(nodeRequire.resolve('iotexplorer-resource-uploader', { paths: [host] }))).toBe(path.join(ROOT, 'miniprogram_dist/index.js'));
  expect(JSON.parse(fs.readFileSync(path.join(TESTING, 'package.json'), 'utf8'))).toMatchObject({ main: 'index.js', types: 'index.d.ts' });
});

test('it loads only Node built-ins, and its declarations stand alone', () => {
  const code = fs.readFileSync(path.join(TESTING, 'index.js'), 'utf8');
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
  expect(required.length).toBeGreaterThan(0);
  expect(required.filter((r) => !builtinModules.includes(r.replace(/^node:/, '')))).toEqual([]);
  for (const f of fs.readdirSync(TESTING).filter((n) => n.endsWith('.d.ts'))) {
    const imports = [...fs.readFileSync(path.join(TESTING, f), 'utf8').matchAll(/(?:from |import\()['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports.filter((i) => !i.startsWith('./') || !fs.existsSync(path.join(TESTING, i.slice(2) + '.d.ts')))).toEqual([]);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.dependencies).toBeUndefined();
});

test('a memory file chosen through createTestWx is uploaded by the built package to startEmulator, byte for byte', async () => {
  const emu = await testing.startEmulator();
  try {
    const bytes = new TextEncoder().encode('a ringtone, for the test');
    const wx = testing.createTestWx({ files: [{ name: 'ring.mp3', data: bytes }] });
    // Functions need no `this`: taken off the object, they still work.
    const { chooseMessageFile } = wx;
    const picked = await new Promise<{ tempFiles: Array<{ path: string; name: string; size: number }> }>((resolve, reject) => chooseMessageFile({ count: 5, success: resolve as never, fail: reject as never }));
    expect(picked.tempFiles).toEqual([expect.objectContaining({ path: 'wxfile://tmp/ring.mp3', name: 'ring.mp3', size: bytes.byteLength })]);
    (globalThis as { wx?: unknown }).wx = wx;
    const api = nodeRequire(nodeRequire.resolve('iotexplorer-resource-uploader', { paths: [host] }));
    const result = await api.uploadResource({ filePath: picked.tempFiles[0].path, productId: emu.productId, accessToken: emu.accessToken, endpoint: emu.endpoint });
    const md5 = createHash('md5').update(bytes).digest('hex');
    expect(result).toMatchObject({ name: 'ring.mp3', size: bytes.byteLength, md5 });
    expect(await emu.objects()).toEqual([expect.objectContaining({ size: bytes.byteLength, md5 })]);
  } finally {
    await emu.close();
  }
});

test('choosers give disk files with their names and sizes, at most count, and cancel with no files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ru-testing-files-'));
  try {
    const a = path.join(dir, 'a.wav');
    fs.writeFileSync(a, Buffer.alloc(300, 1));
    const wx = testing.createTestWx({ files: [{ path: a }, { path: a, name: 'claimed.wav', size: 10_000_000 }, { name: 'c.jpg', data: 'x' }] });
    const call = (api: 'chooseMessageFile' | 'chooseMedia' | 'chooseImage' | 'chooseVideo', count?: number) =>
      new Promise<Record<string, unknown>>((resolve) => wx[api]({ count, success: resolve as never, fail: resolve as never }));
    const files = (await call('chooseMessageFile', 2)).tempFiles as Array<{ name: string; size: number }>;
    expect(files.map((f) => [f.name, f.size])).toEqual([['a.wav', 300], ['claimed.wav', 10_000_000]]);
    expect(((await call('chooseMedia')).tempFiles as unknown[]).length).toBe(3);
    expect((await call('chooseImage', 1)).tempFilePaths).toEqual([a]);
    expect((await call('chooseVideo')).tempFilePath).toBe(a);
    const none = testing.createTestWx();
    const cancelled = await new Promise<Record<string, unknown>>((resolve) => none.chooseMessageFile({ count: 1, success: resolve as never, fail: resolve as never }));
    expect(cancelled.errMsg).toBe('chooseMessageFile:fail cancel');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a host other than loopback is refused as WeChat refuses one missing from the domain list: nothing leaves the machine', async () => {
  const wx = testing.createTestWx();
  const res = await new Promise<Record<string, unknown>>((resolve) => wx.request({ url: 'https://iot.cloud.tencent.com/api/exploreropen/tokenapi', method: 'POST', data: {}, success: resolve as never, fail: resolve as never }));
  expect(res.errMsg).toBe('request:fail url not in domain list');
});
