/**
 * The glass-easel backend of the mount harness: the BUILT `<resource-uploader>`
 * (`miniprogram_dist`, what a host installs) and the real @vant/weapp parts it uses, registered in
 * glass-easel's mini-program adapter the way WeChat's glass-easel runtime loads a package from
 * `miniprogram_npm`, with templates compiled by `glass-easel-template-compiler` and rendered into
 * jsdom by glass-easel's DOM backend. Each bridge below says what differs from WeChat and why it
 * keeps the component's behaviour faithful.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as glassEasel from 'glass-easel';
import { AssociatedBackend, CodeSpace, MiniProgramEnv } from 'glass-easel-miniprogram-adapter';
import { TmplGroup } from 'glass-easel-template-compiler';

export const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'miniprogram_dist');
const VANT_LIB = path.join(ROOT, 'node_modules/@vant/weapp/lib');
/** Where WeChat's npm build puts vant: the component's `@vant/weapp/x/index` resolves there. */
const VANT_IN_NPM = 'miniprogram_npm/@vant/weapp';
/** The component's path in the code space, as a host's `usingComponents` names it. */
export const UPLOADER_PATH = 'miniprogram_npm/iotexplorer-resource-uploader/resource-uploader/index';
/** The vant parts the component uses and what they use in turn, dependencies first. */
const VANT_PARTS = ['info', 'icon', 'loading', 'progress', 'button'];
/** The style scope of the component's own classes (see `scopeWxss`). */
export const UPLOADER_SCOPE = 'resource-uploader';

type StaticConfig = Parameters<CodeSpace['addComponentStaticConfig']>[1];
type AnyRecord = Record<string, unknown>;

/** A component as the specs see it, on either framework (miniprogram-simulate's shape). */
export interface RenderedNode {
  dom: Element | undefined;
  querySelector(selector: string): RenderedNode | undefined;
  querySelectorAll(selector: string): RenderedNode[];
  dispatchEvent(name: string): void;
}

/**
 * WXS as vant writes it targets WeChat's WXS engine; the open-source 0.12.1 runtime runs WXS as
 * plain JavaScript. Three differences, each bridged with WeChat's documented behaviour:
 * `getRegExp` / `getDate` are WXS built-ins (here: the JS constructors they stand for);
 * `x.constructor` is a type-name STRING in WXS ('Array', 'Object'…), a function in JS; and WXS's
 * `require('./x.wxs')` names the file with its suffix, while the compiler registers scripts
 * without it.
 */
function shimWxs(source: string): string {
  const prelude =
    'var getRegExp = function (p, f) { return new RegExp(p, f); };' +
    'var getDate = function () { var a = Array.prototype.slice.call(arguments); return a.length ? new (Function.prototype.bind.apply(Date, [null].concat(a)))() : new Date(); };' +
    "var __wxsType = function (v) { if (v === null || v === undefined) return v; if (Array.isArray(v)) return 'Array'; if (v instanceof RegExp) return 'RegExp'; if (v instanceof Date) return 'Date'; var t = typeof v; return t === 'object' ? 'Object' : t.charAt(0).toUpperCase() + t.slice(1); };";
  return (
    prelude +
    source.replace(/require\((['"])([^'"]+)\.wxs\1\)/g, 'require($1$2$1)').replace(/([A-Za-z_$][\w$]*)\.constructor\b/g, '__wxsType($1)')
  );
}

/**
 * Without glass-easel's stylesheet compiler (not installable here), the runtime writes a scoped
 * component's classes as `<scope>--<class>`; WeChat's own WXSS compiler scopes a component's
 * rules the same way (that is what `styleIsolation` means). So the component's rules are scoped
 * likewise to apply to its nodes, and to no other component's.
 */
export function scopeWxss(css: string, scope: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([^{}]+)\{/g, (whole, selector: string) =>
      selector.trim().startsWith('@') ? whole : selector.replace(/\.(-?[A-Za-z_][\w-]*)/g, `.${scope}--$1`) + '{',
    );
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Compiles the templates and scripts of one set of components in one group (as WeChat's build does). */
function compileTemplates(
  templates: Record<string, string>,
  scripts: Record<string, string>,
  withColonlessListeners: (templatePath: string) => boolean,
): Record<string, glassEasel.template.ComponentTemplate> {
  const group = new TmplGroup();
  try {
    for (const [p, src] of Object.entries(scripts)) group.addScript(p, shimWxs(src));
    for (const [p, src] of Object.entries(templates)) {
      const warnings = group.addTmpl(p, src) as unknown[];
      if (warnings && warnings.length) throw new Error(`template ${p} compiled with warnings: ${JSON.stringify(warnings)}`);
    }
    const groups = new Function(`return ${group.getTmplGenObjectGroups()}`)() as Record<string, glassEasel.template.ProcGenGroup>;
    const out: Record<string, glassEasel.template.ComponentTemplate> = {};
    for (const p of Object.keys(templates)) {
      // vant's own templates write `bindtap=` without a colon; WeChat's glass-easel build honours
      // that through this option (platform facts §6). The component's and the host's templates
      // get it NOT, so a colon-less listener there would fail the specs.
      out[p] = { groupList: groups, content: groups[p], fallbackListenerOnNativeNode: withColonlessListeners(p) };
    }
    return out;
  } finally {
    group.free();
  }
}

/** The WeChat client (`wx.*`, not the framework) both backends share: miniprogram-simulate's API table. */
function installClient(): void {
  const g = globalThis as unknown as { wx?: AnyRecord };
  if (g.wx) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('miniprogram-simulate/src/api') as AnyRecord;
  g.wx = api;
  // vant asks `wx.createSelectorQuery().in(this)`; in WeChat that is the component's own query,
  // which is what glass-easel's adapter gives each component.
  api.createSelectorQuery = () => ({ in: (component: { createSelectorQuery(): unknown }) => component.createSelectorQuery() });
}

export interface GlassEaselWorld {
  env: MiniProgramEnv;
  space: CodeSpace;
  backend: AssociatedBackend;
  hosts: number;
}

let world: GlassEaselWorld | null = null;

/** Loads vant and the built component into one glass-easel environment (once per spec file). */
export function glassEaselWorld(): GlassEaselWorld {
  if (world) return world;
  if (!fs.existsSync(path.join(DIST, 'resource-uploader/index.js'))) throw new Error('glass-easel specs mount the BUILT component: run `npm run build` first');
  installClient();
  // vant's button declares a property named `dataset`; with fields written onto the node it
  // would clash with the node's own `dataset`. WeChat's adapter keeps fields off the node too.
  glassEasel.globalOptions.writeFieldsToNode = false;
  // Errors inside listeners and lifetimes fail the spec instead of being logged and lost.
  glassEasel.globalOptions.throwGlobalError = true;

  const env = new MiniProgramEnv();
  const space = env.createCodeSpace('', true);
  const templates: Record<string, string> = {};
  const scripts: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(VANT_LIB, 'wxs'))) if (f.endsWith('.wxs')) scripts[`${VANT_IN_NPM}/wxs/${f.slice(0, -4)}`] = read(path.join(VANT_LIB, 'wxs', f));
  for (const part of VANT_PARTS) {
    templates[`${VANT_IN_NPM}/${part}/index`] = read(path.join(VANT_LIB, part, 'index.wxml'));
    const wxs = path.join(VANT_LIB, part, 'index.wxs');
    if (fs.existsSync(wxs)) scripts[`${VANT_IN_NPM}/${part}/index`] = read(wxs);
  }
  templates[UPLOADER_PATH] = read(path.join(DIST, 'resource-uploader/index.wxml'));
  const compiled = compileTemplates(templates, scripts, (p) => p.startsWith(VANT_IN_NPM + '/'));

  const register = (p: string, dir: string, config: StaticConfig, scope: string): void => {
    space.addComponentStaticConfig(p, config);
    space.addCompiledTemplate(p, compiled[p]);
    space.addStyleSheet(p, undefined, scope);
    const css = scopeWxss(read(path.join(dir, 'index.wxss')), scope);
    const style = document.createElement('style');
    style.setAttribute('data-component', p);
    style.textContent = css;
    document.head.appendChild(style);
    // The adapter provides `Component` / `Behavior` as globals while a component's code loads,
    // as WeChat does; vant's `wx://form-field-button` behavior is WeChat-only (button forms).
    space.globalComponentEnv(globalThis, p, () => {
      const g = globalThis as unknown as { Component: (o: AnyRecord) => unknown };
      const original = g.Component;
      g.Component = (options: AnyRecord) => {
        if (Array.isArray(options.behaviors)) options.behaviors = options.behaviors.filter((b) => typeof b !== 'string');
        return original(options);
      };
      try {
        // One module registry for the app, as in WeChat: vant's shared behaviors load once.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(path.join(dir, 'index.js'));
      } finally {
        g.Component = original;
      }
    });
  };
  for (const part of VANT_PARTS) {
    const dir = path.join(VANT_LIB, part);
    register(`${VANT_IN_NPM}/${part}/index`, dir, JSON.parse(read(path.join(dir, 'index.json'))) as StaticConfig, `van-${part}`);
  }
  const json = JSON.parse(read(path.join(DIST, 'resource-uploader/index.json'))) as StaticConfig & { usingComponents: Record<string, string> };
  const usingComponents: Record<string, string> = {};
  // npm-style paths resolve through miniprogram_npm in WeChat; root-absolute here for the same place.
  for (const [tag, npmPath] of Object.entries(json.usingComponents)) usingComponents[tag] = '/' + npmPath.replace(/^@vant\/weapp\//, `${VANT_IN_NPM}/`);
  register(UPLOADER_PATH, path.join(DIST, 'resource-uploader'), { ...json, usingComponents }, UPLOADER_SCOPE);

  world = { env, space, backend: env.associateBackend(new glassEasel.CurrentWindowBackendContext()), hosts: 0 };
  return world;
}

function asComponent(elem: glassEasel.Element): glassEasel.GeneralComponent | null {
  return elem instanceof glassEasel.Component ? (elem as glassEasel.GeneralComponent) : null;
}

/**
 * A glass-easel element in simulate's shape. A component searches its own shadow tree (as
 * simulate's `querySelector` on a component does); a native node its subtree in the same tree.
 */
export function renderedNode(elem: glassEasel.Element): RenderedNode {
  const root = (): { querySelector(s: string): glassEasel.Element | null; querySelectorAll(s: string): glassEasel.Element[] } => {
    const c = asComponent(elem);
    return c ? (c.getShadowRoot() as unknown as glassEasel.Element) : elem;
  };
  return {
    get dom() {
      return (elem.getBackendElement() as unknown as Element) || undefined;
    },
    querySelector: (s) => {
      const found = root().querySelector(s);
      return found ? renderedNode(found) : undefined;
    },
    querySelectorAll: (s) => root().querySelectorAll(s).map(renderedNode),
    // A finger's tap: WeChat's touch events bubble and cross component boundaries (a host's
    // `bindtap` on a component tag hears taps inside it), so the event is bubbling and composed.
    dispatchEvent: (name) => glassEasel.Event.dispatchEvent(elem, new glassEasel.Event(name, {}, { bubbles: true, composed: true })),
  };
}

export interface GlassEaselHost {
  host: RenderedNode;
  uploader: RenderedNode;
  instance: AnyRecord;
  setHostData(data: AnyRecord): void;
}

/** Renders a host component whose template is `template`, with these data and methods, and finds `#uploader` in it. */
export function mountHost(template: string, data: AnyRecord, methods: Record<string, (e: { detail: AnyRecord }) => void>): GlassEaselHost {
  const w = glassEaselWorld();
  const hostPath = `pages/host-${++w.hosts}/index`;
  w.space.addComponentStaticConfig(hostPath, { component: true, usingComponents: { 'resource-uploader': '/' + UPLOADER_PATH } } as StaticConfig);
  w.space.addCompiledTemplate(hostPath, compileTemplates({ [hostPath]: template }, {}, () => false)[hostPath]);
  w.space.componentEnv(hostPath, ({ Component }) => {
    (Component as unknown as (o: AnyRecord) => void)({ data, methods });
  });
  const root = w.backend.createRoot('host-page', w.space, hostPath);
  const parent = document.createElement('parent-wrapper');
  const placeholder = document.createElement('span');
  parent.appendChild(placeholder);
  document.body.appendChild(parent);
  root.attach(parent as unknown as glassEasel.GeneralBackendElement, placeholder as unknown as glassEasel.GeneralBackendElement);
  const hostComp = root.getComponent();
  const caller = root.get() as unknown as { setData(d: AnyRecord): void; selectComponent(s: string): AnyRecord | null };
  const uploaderElem = hostComp.getShadowRoot()!.querySelector('#uploader');
  if (!uploaderElem) throw new Error('no #uploader rendered');
  const instance = caller.selectComponent('#uploader');
  if (!instance) throw new Error('no #uploader component');
  return { host: renderedNode(hostComp), uploader: renderedNode(uploaderElem), instance, setHostData: (d) => caller.setData(d) };
}
