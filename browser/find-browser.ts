/**
 * Which Chromium the tests, `npm run screenshots` and anything else that drives a browser use, in
 * this order: `CHROMIUM_PATH`; a Chrome, Chromium or Edge installed on the machine (the places
 * their installers use on Linux, macOS and Windows, the same ones playwright's `channel` looks in);
 * else, on Linux x64, the headless Chromium that ships inside the `@sparticuz/chromium` npm package.
 * No apt, no root, no download.
 */
import * as fs from 'fs';
import * as path from 'path';
import { packagedChromium } from './packaged-chromium';

export interface BrowserChoice {
  executablePath: string;
  /** Where it came from, for messages: `CHROMIUM_PATH`, `installed`, `@sparticuz/chromium`. */
  source: string;
}

export interface Machine {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  isFile(file: string): boolean;
}

export const thisMachine: Machine = {
  platform: process.platform,
  arch: process.arch,
  env: process.env,
  isFile: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
};

/** Where the Chrome, Chromium and Edge installers put the executable, most common first. */
export function installedBrowserPaths(m: Pick<Machine, 'platform' | 'env'>): string[] {
  if (m.platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(m.env.HOME ? [path.posix.join(m.env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.posix.join(root, app)));
  }
  if (m.platform === 'win32') {
    const roots = [m.env.PROGRAMFILES, m.env['PROGRAMFILES(X86)'], m.env.LOCALAPPDATA].filter((r): r is string => !!r);
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return apps.flatMap((app) => roots.map((root) => path.win32.join(root, app)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** Only Linux x64 has a build inside `@sparticuz/chromium`. */
export function hasPackagedChromium(m: Pick<Machine, 'platform' | 'arch'>): boolean {
  return m.platform === 'linux' && m.arch === 'x64';
}

export async function findBrowser(m: Machine = thisMachine, packaged: () => Promise<string> = packagedChromium): Promise<BrowserChoice> {
  const fromEnv = m.env.CHROMIUM_PATH;
  if (fromEnv) {
    // Asked for by name: a wrong path is an error, not a reason to pick another browser silently.
    if (!m.isFile(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not a file`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const installed = installedBrowserPaths(m).find((p) => m.isFile(p));
  if (installed) return { executablePath: installed, source: 'installed' };
  if (hasPackagedChromium(m)) return { executablePath: await packaged(), source: '@sparticuz/chromium' };
  throw new Error(
    `No Chromium-based browser found on ${m.platform}/${m.arch}. Install Google Chrome, Chromium or Microsoft Edge, ` +
      'or set CHROMIUM_PATH to the executable of one.',
  );
}
