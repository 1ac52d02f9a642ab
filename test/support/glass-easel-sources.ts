/**
 * What glass-easel loads for `<resource-uploader>`, gathered once for both places that mount it
 * (jsdom in glass-easel-backend.ts, Chromium in test/e2e/glass-easel-page): the BUILT component
 * (`miniprogram_dist`, what a host installs) and the @vant/weapp parts it uses, at the paths
 * WeChat's npm build gives them, their templates compiled by `glass-easel-template-compiler`, their
 * stylesheets scoped. Each bridge says what differs from WeChat and why it stays faithful.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TmplGroup } from 'glass-easel-template-compiler';

export const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'miniprogram_dist');
const VANT_LIB = path.join(ROOT, 'node_modules/@vant/weapp/lib');
/** Where WeChat's npm build puts vant: the component's `@vant/weapp/x/index` resolves there. */
export const VANT_IN_NPM = 'miniprogram_npm/@vant/weapp';
/** The component's path in the code space, as a host's `usingComponents` names it. */
export const UPLOADER_PATH = 'miniprogram_npm/iotexplorer-resource-uploader/resource-uploader/index';
/** The vant parts the component uses and what they use in turn, dependencies first. */
export const VANT_PARTS = ['info', 'icon', 'loading', 'progress', 'button'] as const;
/** The style scope of the component's own classes (see `scopeWxss`). */
export const UPLOADER_SCOPE = 'resource-uploader';

export interface ComponentSource {
  /** Path in the code space, without suffix. */
  path: string;
  /** Folder of its index.js / .json / .wxss. */
  dir: string;
  /** Its JSON, as glass-easel's adapter reads it (static config). */
  config: { component?: boolean; styleIsolation?: string; usingComponents?: Record<string, string> };
  /** Style scope name: the prefix of its classes in the DOM. */
  scope: string;
  /** Its stylesheet, scoped. */
  css: string;
}

/**
 * WXS as vant writes it targets WeChat's WXS engine; the open-source 0.12.1 runtime runs WXS as
 * plain JavaScript. Three differences, each bridged with WeChat's documented behaviour:
 * `getRegExp` / `getDate` are WXS built-ins (here: the JS constructors they stand for);
 * `x.constructor` is a type-name STRING in WXS ('Array', 'Object'…), a function in JS; and WXS's
 * `require('./x.wxs')` names the file with its suffix, while the compiler registers scripts
 * without it.
 */
export function shimWxs(source: string): string {
  const prelude =
    'var getRegExp = function (p, f) { return new RegExp(p, f); };' +
    'var getDate = function () { var a = Array.prototype.slice.call(arguments); return a.length ? new (Function.prototype.bind.apply(Date, [null].concat(a)))() : new Date(); };' +
    "var __wxsType = function (v) { if (v === null || v === undefined) return v; if (Array.isArray(v)) return 'Array'; if (v instanceof RegExp) return 'RegExp'; if (v instanceof Date) return 'Date'; var t = typeof v; return t === 'object' ? 'Object' : t.charAt(0).toUpperCase() + t.slice(1); };";
  return prelude + source.replace(/require\((['"])([^'"]+)\.wxs\1\)/g, 'require($1$2$1)').replace(/([A-Za-z_$][\w$]*)\.constructor\b/g, '__wxsType($1)');
}

/**
 * Without glass-easel's stylesheet compiler (not installable here), the runtime writes a scoped
 * component's classes as `<scope>--<class>`; WeChat's own WXSS compiler scopes a component's
 * rules the same way (that is what `styleIsolation` means). So the rules are scoped likewise, to
 * apply to the component's nodes and to no other component's.
 */
export function scopeWxss(css: string, scope: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([^{}]+)\{/g, (whole, selector: string) => (selector.trim().startsWith('@') ? whole : selector.replace(/\.(-?[A-Za-z_][\w-]*)/g, `.${scope}--$1`) + '{'));
}

/**
 * vant's own templates write `bindtap=` without a colon; WeChat's glass-easel build honours that
 * through the compiler option `fallbackListenerOnNativeNode` (platform facts §6). The component's
 * and the host's templates get it NOT, so a colon-less listener there fails the specs.
 */
export function needsColonlessListeners(templatePath: string): boolean {
  return templatePath.startsWith(VANT_IN_NPM + '/');
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/**
 * Compiles one set of templates and scripts in one group (as WeChat's build does) and returns the
 * compiler's JavaScript: an expression whose value maps each path to its template. A warning fails.
 */
export function compileTemplateGroups(templates: Record<string, string>, scripts: Record<string, string> = {}): string {
  const group = new TmplGroup();
  try {
    for (const [p, src] of Object.entries(scripts)) group.addScript(p, shimWxs(src));
    for (const [p, src] of Object.entries(templates)) {
      const warnings = group.addTmpl(p, src) as unknown[];
      if (warnings && warnings.length) throw new Error(`template ${p} compiled with warnings: ${JSON.stringify(warnings)}`);
    }
    return group.getTmplGenObjectGroups();
  } finally {
    group.free();
  }
}

export interface UploaderSources {
  /** vant's parts first, the component last: the order they register in. */
  components: ComponentSource[];
  /** `compileTemplateGroups` of every template of them. */
  templateGroups: string;
}

/** Everything glass-easel needs for the built component; throws when it is not built. */
export function uploaderSources(): UploaderSources {
  if (!fs.existsSync(path.join(DIST, 'resource-uploader/index.js'))) throw new Error('glass-easel mounts the BUILT component: run `npm run build` first');
  const templates: Record<string, string> = {};
  const scripts: Record<string, string> = {};
  const components: ComponentSource[] = [];
  for (const f of fs.readdirSync(path.join(VANT_LIB, 'wxs'))) if (f.endsWith('.wxs')) scripts[`${VANT_IN_NPM}/wxs/${f.slice(0, -4)}`] = read(path.join(VANT_LIB, 'wxs', f));
  for (const part of VANT_PARTS) {
    const dir = path.join(VANT_LIB, part);
    const p = `${VANT_IN_NPM}/${part}/index`;
    templates[p] = read(path.join(dir, 'index.wxml'));
    if (fs.existsSync(path.join(dir, 'index.wxs'))) scripts[p] = read(path.join(dir, 'index.wxs'));
    components.push({ path: p, dir, config: JSON.parse(read(path.join(dir, 'index.json'))), scope: `van-${part}`, css: scopeWxss(read(path.join(dir, 'index.wxss')), `van-${part}`) });
  }
  const dir = path.join(DIST, 'resource-uploader');
  const json = JSON.parse(read(path.join(dir, 'index.json'))) as ComponentSource['config'] & { usingComponents: Record<string, string> };
  // npm-style paths resolve through miniprogram_npm in WeChat; root-absolute here for the same place.
  const usingComponents: Record<string, string> = {};
  for (const [tag, npmPath] of Object.entries(json.usingComponents)) usingComponents[tag] = '/' + npmPath.replace(/^@vant\/weapp\//, `${VANT_IN_NPM}/`);
  templates[UPLOADER_PATH] = read(path.join(dir, 'index.wxml'));
  components.push({ path: UPLOADER_PATH, dir, config: { ...json, usingComponents }, scope: UPLOADER_SCOPE, css: scopeWxss(read(path.join(dir, 'index.wxss')), UPLOADER_SCOPE) });
  return { components, templateGroups: compileTemplateGroups(templates, scripts) };
}
