/**
 * A browser context for the playground: the Chromium `findBrowser` picks, headless, a fresh
 * profile, and the flags that keep it quiet on a closed network (no background requests, updates,
 * sync or QUIC), so every request it makes is one a page asked for.
 */
import { BrowserContext, chromium } from 'playwright-core';
import { BrowserChoice, findBrowser } from './find-browser';

export const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Milliseconds to wait for the browser to start. */
  timeout?: number;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  browser: BrowserChoice;
}

export async function launchBrowser(profileDir: string, o: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const browser = await findBrowser();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: QUIET_FLAGS,
    viewport: o.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    timeout: o.timeout ?? 30000,
  });
  return { context, browser };
}
