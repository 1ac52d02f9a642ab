/**
 * Boots the playground: the browser `wx`, the demo's app and first page (the built component,
 * through simulate's loader) in a phone frame, and the emulator panel beside it.
 * `?theme=dark` and `?locale=en` start the page that way.
 */
import { configureDemo } from './demo-config';
import { createFrame, SCREEN, ThemeJson, WindowConfig, windowHeight } from './frame';
import { pgWindow } from './globals';
import { installAppShims, launchApp } from './mp/app-shims';
import { installImage } from './mp/image';
import { installRequire, requireFile } from './mp/loader';
import { readJson, renderPage } from './mp/page';
import { installMouseTaps } from './mp/taps';
import { installTemplates } from './mp/templates';
import { applyTheme, setTheme } from './mp/theme';
import { createPanel } from './panel/panel';
import { fetchState } from './session';
import { checkIconFont } from './icon-font';
import { installBrowserWx } from './wx/install';
import { setOverlayRoot } from './wx/overlays';

interface AppJson {
  pages: string[];
  window?: WindowConfig;
  darkmode?: boolean;
  themeLocation?: string;
}

function showFatal(err: unknown): void {
  const box = document.createElement('pre');
  box.className = 'pg-fatal';
  box.textContent = `The playground could not start:\n${err instanceof Error ? err.stack || err.message : String(err)}`;
  document.body.appendChild(box);
  document.body.dataset.playground = 'failed';
}

async function boot(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const mp = pgWindow.__PLAYGROUND_MP__;
  const appJson = readJson<AppJson>('app.json') as AppJson;
  const route = mp.meta.pages[0];
  const pageJson = readJson<WindowConfig>(`${route}.json`) ?? {};
  const themeJson = (appJson.darkmode && readJson<ThemeJson>(appJson.themeLocation ?? 'theme.json')) || {};

  if (params.get('theme') === 'dark') setTheme('dark');
  const frame = createFrame(document.getElementById('app') as HTMLElement, { ...appJson.window, ...pageJson }, themeJson);
  setOverlayRoot(frame.overlays);
  installBrowserWx({ width: SCREEN.width, height: SCREEN.height, statusBarHeight: SCREEN.statusBarHeight, windowHeight: windowHeight() }, mp.meta.libVersion);
  installTemplates();
  installImage();
  installRequire();
  installAppShims();

  configureDemo(await fetchState());
  if (typeof pgWindow.__FILE_MAP__['app.js'] === 'string') requireFile('app.js');
  launchApp(route, {});
  const page = renderPage(route, {}, frame.screen);
  installMouseTaps(frame.screen);
  applyTheme();

  createPanel(frame.panel, page, { locale: params.get('locale') ?? '' });
  await checkIconFont();
  document.body.dataset.playground = 'ready';
}

boot().catch(showFatal);
