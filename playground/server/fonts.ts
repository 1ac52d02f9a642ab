/**
 * The fonts a phone has and this machine may not, served from npm packages so the playground (and
 * every screenshot) draws the same everywhere, offline: Noto Sans SC for Chinese text
 * (`@fontsource/noto-sans-sc`; the browser fetches only the subsets a page's characters need) and
 * vant's icon font (`@vant/icons` carries the very woff2 that vant's icon wxss loads from a CDN).
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

export const FONTS_CSS_ROUTE = '/playground/fonts.css';
export const VANT_ICON_ROUTE = '/playground/fonts/vant-icon.woff2';
const NOTO_FILES_ROUTE = '/playground/fonts/noto-sans-sc/files/';
/** The weights the demo, the component and vant use. */
const NOTO_WEIGHTS = ['400', '500', '600'];
const NOTO_FILE = /^noto-sans-sc-[a-z0-9]+-(400|500|600)-normal\.woff2$/;

/**
 * The icon font vant 1.11.7's `icon/index.wxss` asks a CDN for (woff2, and woff as a fallback).
 * Both point at the local copy: nothing of the page leaves the machine. A vant that moves to
 * another font file keeps its CDN URL, and the font test in test/e2e fails on blank icons.
 */
const VANT_CDN_FONT = /url\(\s*(['"]?)(?:https?:)?\/\/at\.alicdn\.com\/t\/c\/font_2553510_kfwma2yq1rs\.woff2?(?:\?[^'")]*)?\1\s*\)/g;

export function localizeFontUrls(css: string): string {
  return css.replace(VANT_CDN_FONT, `url(${VANT_ICON_ROUTE})`);
}

function packageDir(name: string): string {
  return path.dirname(createRequire(__filename).resolve(`${name}/package.json`));
}

/** `@fontsource`'s CSS for the weights used, its `./files/…` URLs pointed at our route. */
function notoCss(): string {
  const dir = packageDir('@fontsource/noto-sans-sc');
  return NOTO_WEIGHTS.map((w) => fs.readFileSync(path.join(dir, `${w}.css`), 'utf8').replace(/url\(\.\/files\//g, `url(${NOTO_FILES_ROUTE}`)).join('\n');
}

function vantIconWoff2(): Buffer {
  const less = fs.readFileSync(path.join(packageDir('@vant/icons'), 'src/encode-woff2.less'), 'utf8');
  const base64 = /data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)/.exec(less);
  if (!base64) throw new Error('@vant/icons/src/encode-woff2.less holds no base64 woff2 font');
  return Buffer.from(base64[1], 'base64');
}

export interface FontFile {
  body: string | Buffer;
  type: string;
}

let vantIcon: Buffer | undefined;

/** The font file or stylesheet at `urlPath`, or undefined when the path is not one of ours. */
export function fontAt(urlPath: string): FontFile | undefined {
  if (urlPath === FONTS_CSS_ROUTE) return { body: notoCss(), type: 'text/css; charset=utf-8' };
  if (urlPath === VANT_ICON_ROUTE) {
    vantIcon ??= vantIconWoff2();
    return { body: vantIcon, type: 'font/woff2' };
  }
  if (urlPath.startsWith(NOTO_FILES_ROUTE)) {
    const name = urlPath.slice(NOTO_FILES_ROUTE.length);
    // A fixed pattern of file names: nothing else of the disk is reachable through this route.
    if (!NOTO_FILE.test(name)) return undefined;
    const file = path.join(packageDir('@fontsource/noto-sans-sc'), 'files', name);
    return fs.existsSync(file) ? { body: fs.readFileSync(file), type: 'font/woff2' } : undefined;
  }
  return undefined;
}
