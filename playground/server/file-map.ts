/**
 * Turns the mini-program tree into the script that feeds miniprogram-simulate's browser bundle:
 * `window.__FILE_MAP__` (path → file text) and the templates precompiled by WeChat's own compiler
 * (wcc, through miniprogram-compiler), which the browser cannot run.
 */
import * as fs from 'fs';
import { wxmlToJs } from 'miniprogram-compiler';
import * as os from 'os';
import * as path from 'path';
import { localizeFontUrls } from './fonts';
import { MpTree } from './mp-tree';
import { rpxToPx } from './rpx';
import { resolveUsingComponents } from './using-components';

/**
 * simulate runs a file as `new Function('require', 'module', src)`: CommonJS's `exports` has to be
 * declared by the file itself. It goes after a leading "use strict" so strict files stay strict.
 */
export function wrapCommonJs(source: string, virtualPath: string): string {
  const strict = /^\s*(['"])use strict\1;?/.exec(source);
  const head = strict ? strict[0] : '';
  return `${head}var exports = module.exports;${source.slice(head.length)}\n//# sourceURL=mp:///${virtualPath}\n`;
}

/** The pages listed in app.json, without extension. */
export function pagesOf(tree: MpTree): string[] {
  const appJson = tree.get('app.json');
  if (!appJson) throw new Error('the mini-program has no app.json');
  const pages = (JSON.parse(fs.readFileSync(appJson, 'utf8')) as { pages?: unknown }).pages;
  if (!Array.isArray(pages) || pages.length === 0) throw new Error('app.json lists no pages');
  return pages.map(String);
}

/** wcc needs real files under one root: copy the templates and wxs modules into a temp folder. */
function compileTemplates(tree: MpTree): { wxml: string[]; compiled: string } {
  const wxml = [...tree.keys()].filter((p) => p.endsWith('.wxml'));
  const wxs = [...tree.keys()].filter((p) => p.endsWith('.wxs'));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-wcc-'));
  try {
    for (const p of [...wxml, ...wxs]) {
      const target = path.join(stage, p);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(tree.get(p) as string, target);
    }
    return { wxml, compiled: wxmlToJs(stage, { wxmlList: wxml, wxsList: wxs }) };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

export interface FileMapMeta {
  pages: string[];
  /** Base library version the demo targets (project.config.json), reported as `SDKVersion`. */
  libVersion: string;
}

/** The text of `/playground/mp.js`. */
export function buildFileMapScript(tree: MpTree, meta: Omit<FileMapMeta, 'pages'>): string {
  const pages = pagesOf(tree);
  const exists = (p: string) => tree.has(p.replace(/^\//, ''));
  const appWxss = tree.has('app.wxss') ? fs.readFileSync(tree.get('app.wxss') as string, 'utf8') : '';
  const files: Record<string, string> = {};
  for (const [virtualPath, file] of tree) {
    const text = () => fs.readFileSync(file, 'utf8');
    if (virtualPath.endsWith('.js')) files[virtualPath] = wrapCommonJs(text(), virtualPath);
    else if (virtualPath.endsWith('.json')) files[virtualPath] = resolveUsingComponents(text(), virtualPath, exists);
    else if (virtualPath.endsWith('.wxss')) files[virtualPath] = localizeFontUrls(rpxToPx(text()));
  }
  // WeChat applies app.wxss to every page; simulate knows no app, so each page carries it.
  for (const page of pages) {
    if (appWxss) files[`${page}.wxss`] = rpxToPx(appWxss) + '\n' + (files[`${page}.wxss`] ?? '');
  }
  const { wxml, compiled } = compileTemplates(tree);
  const fullMeta: FileMapMeta = { ...meta, pages };
  return [
    `window.__FILE_MAP__ = Object.assign(window.__FILE_MAP__ || {}, ${JSON.stringify(files)});`,
    `window.__PLAYGROUND_MP__ = {`,
    `  meta: ${JSON.stringify(fullMeta)},`,
    `  wxml: ${JSON.stringify(wxml)},`,
    `  compileTemplates: function () {${compiled}},`,
    `};`,
    '',
  ].join('\n');
}
