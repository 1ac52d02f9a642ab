/**
 * What the page learns about its "phone": the playground's 375-px screen, the chosen theme, the
 * base library version the demo targets. Replaces simulate's fixed iPhone numbers.
 */
import { currentTheme, onTheme, Theme } from '../mp/theme';
import { Callbacks, settle } from './callbacks';

export interface Screen {
  width: number;
  height: number;
  statusBarHeight: number;
  /** Height of the page area under the navigation bar. */
  windowHeight: number;
}

export function systemInfo(screen: Screen, sdkVersion: string): Record<string, unknown> {
  return {
    brand: 'browser',
    model: 'playground',
    pixelRatio: window.devicePixelRatio || 1,
    screenWidth: screen.width,
    screenHeight: screen.height,
    windowWidth: screen.width,
    windowHeight: screen.windowHeight,
    statusBarHeight: screen.statusBarHeight,
    safeArea: { left: 0, right: screen.width, top: screen.statusBarHeight, bottom: screen.height, width: screen.width, height: screen.height - screen.statusBarHeight },
    language: 'zh_CN',
    version: '8.0.50',
    system: navigator.userAgent,
    platform: 'devtools',
    fontSizeSetting: 16,
    SDKVersion: sdkVersion,
    theme: currentTheme(),
    host: { env: 'WeChat' },
    enableDebug: false,
    deviceOrientation: 'portrait',
  };
}

type ThemeListener = (res: { theme: Theme }) => void;
const themeListeners = new Set<ThemeListener>();
onTheme((theme) => themeListeners.forEach((fn) => fn({ theme })));

export function systemInfoApis(screen: Screen, sdkVersion: string): Record<string, unknown> {
  const info = () => systemInfo(screen, sdkVersion);
  const pick = (...keys: string[]) => () => {
    const all = info();
    return Object.fromEntries(keys.map((k) => [k, all[k]]));
  };
  return {
    getSystemInfoSync: info,
    getSystemInfo: (o: Callbacks<object> = {}) => settle('getSystemInfo', o, async () => info()),
    getSystemInfoAsync: (o: Callbacks<object> = {}) => settle('getSystemInfoAsync', o, async () => info()),
    getWindowInfo: pick('pixelRatio', 'screenWidth', 'screenHeight', 'windowWidth', 'windowHeight', 'statusBarHeight', 'safeArea'),
    getAppBaseInfo: pick('SDKVersion', 'enableDebug', 'host', 'language', 'version', 'theme', 'fontSizeSetting'),
    getDeviceInfo: pick('brand', 'model', 'pixelRatio', 'platform', 'system'),
    onThemeChange: (fn: ThemeListener) => void themeListeners.add(fn),
    offThemeChange: (fn?: ThemeListener) => (fn ? void themeListeners.delete(fn) : themeListeners.clear()),
  };
}
