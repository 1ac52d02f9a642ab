/**
 * Which browser the browser tests use, on each kind of machine: `CHROMIUM_PATH` first, then an
 * installed Chrome/Chromium/Edge, then (Linux x64 only) the Chromium inside `@sparticuz/chromium`.
 * The machine is described, not real, so every platform's order is checked here.
 */
import * as os from 'os';
import * as path from 'path';
import { findBrowser, installedBrowserPaths, Machine } from '../../browser/find-browser';
import { screenshotsDir, SCREENSHOTS_ENV } from '../../browser/screenshots-dir';

function machine(platform: NodeJS.Platform, files: string[], env: NodeJS.ProcessEnv = {}, arch = 'x64'): Machine {
  return { platform, arch, env, isFile: (f) => files.includes(f) };
}

const packaged = jest.fn(async () => '/cache/chromium');

beforeEach(() => packaged.mockClear());

test('CHROMIUM_PATH wins over everything, and a wrong one is an error, not a silent fallback', async () => {
  const m = machine('linux', ['/opt/my/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/my/chrome' });
  await expect(findBrowser(m, packaged)).resolves.toEqual({ executablePath: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
  await expect(findBrowser(machine('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nope' }), packaged)).rejects.toThrow('CHROMIUM_PATH is set to /nope, which is not a file');
  expect(packaged).not.toHaveBeenCalled();
});

test('Linux: an installed Chromium or Chrome before the packaged one', async () => {
  await expect(findBrowser(machine('linux', ['/usr/bin/google-chrome-stable']), packaged)).resolves.toEqual({ executablePath: '/usr/bin/google-chrome-stable', source: 'installed' });
  await expect(findBrowser(machine('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']), packaged)).resolves.toMatchObject({ executablePath: '/usr/bin/chromium' });
  expect(packaged).not.toHaveBeenCalled();
});

test('Linux x64 with no browser: the Chromium inside @sparticuz/chromium', async () => {
  await expect(findBrowser(machine('linux', []), packaged)).resolves.toEqual({ executablePath: '/cache/chromium', source: '@sparticuz/chromium' });
  expect(packaged).toHaveBeenCalledTimes(1);
});

test('macOS: Chrome, Chromium or Edge from /Applications or ~/Applications; the package is never loaded', async () => {
  const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  const edge = '/Users/dev/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
  expect(installedBrowserPaths({ platform: 'darwin', env: { HOME: '/Users/dev' } })).toEqual(expect.arrayContaining([chrome, edge]));
  await expect(findBrowser(machine('darwin', [edge], { HOME: '/Users/dev' }, 'arm64'), packaged)).resolves.toEqual({ executablePath: edge, source: 'installed' });
  await expect(findBrowser(machine('darwin', [], { HOME: '/Users/dev' }, 'arm64'), packaged)).rejects.toThrow(/Install Google Chrome, Chromium or Microsoft Edge, or set CHROMIUM_PATH/);
  expect(packaged).not.toHaveBeenCalled();
});

test('Windows: Chrome or Edge under Program Files or the user\'s AppData', async () => {
  const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' };
  const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
  const userChrome = 'C:\\Users\\dev\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
  await expect(findBrowser(machine('win32', [edge, userChrome], env), packaged)).resolves.toEqual({ executablePath: userChrome, source: 'installed' });
  await expect(findBrowser(machine('win32', [edge], env), packaged)).resolves.toEqual({ executablePath: edge, source: 'installed' });
  await expect(findBrowser(machine('win32', [], env), packaged)).rejects.toThrow('No Chromium-based browser found on win32/x64');
  expect(packaged).not.toHaveBeenCalled();
});

test('Linux on ARM has no packaged Chromium: an installed one or a clear error', async () => {
  await expect(findBrowser(machine('linux', [], {}, 'arm64'), packaged)).rejects.toThrow('No Chromium-based browser found on linux/arm64');
  expect(packaged).not.toHaveBeenCalled();
});

test('pictures: a temp folder for tests, the folder npm run screenshots names otherwise', () => {
  expect(screenshotsDir({})).toBe(path.join(os.tmpdir(), `iotexplorer-resource-uploader-screenshots-${os.userInfo().username}`));
  expect(screenshotsDir({ [SCREENSHOTS_ENV]: 'docs/screenshots' })).toBe(path.resolve('docs/screenshots'));
});
