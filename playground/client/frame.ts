/**
 * The page layout: a phone (status bar, WeChat's navigation bar, the page's scrolling area and an
 * overlay layer) beside the emulator panel. Navigation bar colours follow app.json's `window`
 * and, with `darkmode`, theme.json's variables for the current theme.
 */
import { currentTheme, onTheme, Theme } from './mp/theme';

export const SCREEN = { width: 375, height: 760, statusBarHeight: 20, navigationBarHeight: 44 };

export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: string;
  backgroundColor?: string;
}

export type ThemeJson = Partial<Record<Theme, Record<string, string>>>;

export interface Frame {
  phone: HTMLElement;
  /** The scrolling page area; the page renders into it. */
  screen: HTMLElement;
  overlays: HTMLElement;
  panel: HTMLElement;
}

function div(className: string, parent?: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  if (parent) parent.appendChild(el);
  return el;
}

/** `@name` values come from theme.json for the current theme. */
function themed(value: string | undefined, theme: Theme, themeJson: ThemeJson): string | undefined {
  if (!value || !value.startsWith('@')) return value;
  return themeJson[theme]?.[value.slice(1)];
}

export function createFrame(host: HTMLElement, windowConfig: WindowConfig, themeJson: ThemeJson): Frame {
  const layout = div('pg-layout', host);
  const phone = div('pg-phone', layout);
  phone.style.width = `${SCREEN.width}px`;
  phone.style.height = `${SCREEN.height}px`;
  const status = div('pg-status', phone);
  status.style.height = `${SCREEN.statusBarHeight}px`;
  div('pg-status__time', status).textContent = '9:41';
  const nav = div('pg-nav', phone);
  nav.style.height = `${SCREEN.navigationBarHeight}px`;
  const title = div('pg-nav__title', nav);
  title.textContent = windowConfig.navigationBarTitleText ?? '';
  div('pg-nav__capsule', nav).setAttribute('aria-hidden', 'true');
  const screen = div('pg-screen', phone);
  const overlays = div('pg-overlays', phone);
  const panel = div('pg-panel', layout);

  const paint = (theme: Theme) => {
    phone.dataset.theme = theme;
    const background = themed(windowConfig.navigationBarBackgroundColor, theme, themeJson) ?? '#ffffff';
    const text = themed(windowConfig.navigationBarTextStyle, theme, themeJson) === 'white' ? '#ffffff' : '#000000';
    for (const bar of [status, nav]) {
      bar.style.background = background;
      bar.style.color = text;
    }
    screen.style.background = themed(windowConfig.backgroundColor, theme, themeJson) ?? '';
  };
  paint(currentTheme());
  onTheme(paint);
  return { phone, screen, overlays, panel };
}

export function windowHeight(): number {
  return SCREEN.height - SCREEN.statusBarHeight - SCREEN.navigationBarHeight;
}
