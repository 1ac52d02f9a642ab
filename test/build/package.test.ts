/**
 * The package a host installs: `npm run build` output and what `npm pack` would publish.
 * `npm test` builds before jest starts, so every spec sees one finished `miniprogram_dist`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'miniprogram_dist');
const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
});

test('the build writes the JS API as one entry over one shared core, and declarations beside it', () => {
  for (const f of ['index.js', 'core/index.js', 'resource-uploader/index.js']) expect(fs.existsSync(path.join(dist, f))).toBe(true);
  const index = fs.readFileSync(path.join(dist, 'index.js'), 'utf8');
  expect(index).toMatch(/require\("\.\/core\/index"\)/);
  expect(index).not.toMatch(/^(import|export) /m);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dts = fs.readFileSync(path.join(root, pkg.types), 'utf8');
  expect(dts).toContain('uploadResource');
  expect(dts).toContain('setAccessTokenProvider');
});

test('the built entry loads outside WeChat and exports SPEC’s API', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(path.join(dist, 'index.js'));
  expect(typeof api.uploadResource).toBe('function');
  expect(typeof api.setAccessTokenProvider).toBe('function');
  const err = new api.UploadError('Timeout', 'm');
  expect(err).toBeInstanceOf(Error);
  expect(err).toMatchObject({ code: 'Timeout', retryable: true, requestId: '' });
});

test('the built core uploads through an injected platform', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(path.join(dist, 'index.js'));
  const { FakePlatform, ENDPOINT } = await import('../support/fake-platform');
  const platform = new FakePlatform();
  platform.addFile('/a.txt', new Uint8Array([104, 105]));
  const result = await api.uploadResource({ platform, filePath: '/a.txt', productId: 'P', accessToken: 'tok-built-0123456789', endpoint: ENDPOINT });
  expect(result).toMatchObject({ name: 'a.txt', size: 2, md5: '49f68a5c8493ec2c0bf489821c21fc3b' });
});

test('npm pack publishes only what a host needs', () => {
  const out = execFileSync(npmCli[0], [...npmCli.slice(1), 'pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  const shipped = ['miniprogram_dist/', 'types/', 'testing/', 'docs/'];
  const outside = files.filter((f) => !shipped.some((d) => f.startsWith(d)) && !['README.md', 'LICENSE', 'package.json', 'CHANGELOG.md'].includes(f));
  expect(outside).toEqual([]);
  expect(files).toEqual(expect.arrayContaining(['testing/index.js', 'testing/index.d.ts', 'testing/package.json', 'CHANGELOG.md']));
  expect(files).toContain('miniprogram_dist/index.js');
  expect(files).toContain('types/index.d.ts');
  expect(files).toContain('README.md');
  expect(files).toContain('LICENSE');
});

test('SPEC "Package": main, miniprogram, the peer, and the component’s four files', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({ name: 'iotexplorer-resource-uploader', miniprogram: 'miniprogram_dist', main: 'miniprogram_dist/index.js' });
  expect(pkg.peerDependencies).toHaveProperty('@vant/weapp');
  for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(fs.existsSync(path.join(dist, 'resource-uploader', 'index.' + ext))).toBe(true);
});

test('the built entry’s configure() throws UploadError InvalidOption for an unusable value', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(path.join(dist, 'index.js'));
  expect(typeof api.configure).toBe('function');
  for (const bad of [{ requestSlots: 11 }, { requestSlots: 0 }, { memoryBudget: NaN }, { memoryBudget: -1 }, { memoryBudget: Infinity }, { requestSlots: '8' }]) {
    let thrown: unknown;
    try {
      api.configure(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(api.UploadError);
    expect(thrown).toMatchObject({ code: 'InvalidOption', retryable: false });
  }
  // Within the limits nothing is thrown; the defaults are put back for whoever loads the module next.
  api.configure({ requestSlots: 10, memoryBudget: 1 });
  api.configure({ requestSlots: 8, memoryBudget: 134217728 });
});

test('the shipped declarations export every type SPEC 0.2 names', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dts = fs.readFileSync(path.join(root, pkg.types), 'utf8');
  const names = ['ResourceUploaderInstance', 'SelectDetail', 'RejectDetail', 'ProgressDetail', 'SuccessDetail', 'FailDetail', 'CompleteDetail', 'RemoveDetail', 'ErrorDetail', 'BeforeUploadDetail', 'ErrorCode', 'Locale'];
  for (const name of names) expect(dts).toMatch(new RegExp('\\b' + name + '\\b'));
  for (const name of ['uploadResource', 'setAccessTokenProvider', 'configure', 'UploadError']) expect(dts).toMatch(new RegExp('export \\{ ' + name + ' \\}'));
});
