/**
 * The glass-easel backend of the mount harness: the BUILT `<resource-uploader>` and the real
 * @vant/weapp parts it uses (glass-easel-sources.ts), registered in glass-easel's mini-program
 * adapter the way WeChat's glass-easel runtime loads a package from `miniprogram_npm`, and rendered
 * into jsdom by glass-easel's DOM backend. Each bridge says what differs from WeChat and why it
 * keeps the component's behaviour faithful.
 */
import * as path from 'path';
import * as glassEasel from 'glass-easel';
import { AssociatedBackend, CodeSpace, MiniProgramEnv } from 'glass-easel-miniprogram-adapter';
import { createSelectorQuery, withoutBuiltinBehaviors } from './glass-easel-bridges';
import { compileTemplateGroups, needsColonlessListeners, UPLOADER_PATH, uploaderSources } from './glass-easel-sources';

type StaticConfig = Parameters<CodeSpace['addComponentStaticConfig']>[1];
type AnyRecord = Record<string, unknown>;

/** A component as the specs see it, on either framework (miniprogram-simulate's shape). */
export interface RenderedNode {
  dom: Element | undefined;
  querySelector(selector: string): RenderedNode | undefined;
  querySelectorAll(selector: string): RenderedNode[];
  dispatchEvent(name: string): void;
}

/** Evaluates the compiler's output into the templates the adapter takes. */
function templatesOf(groupsSource: string, paths: string[]): Record<string, glassEasel.template.ComponentTemplate> {
  const groups = new Function(`return ${groupsSource}`)() as Record<string, glassEasel.template.ProcGenGroup>;
  const out: Record<string, glassEasel.template.ComponentTemplate> = {};
  for (const p of paths) out[p] = { groupList: groups, content: groups[p], fallbackListenerOnNativeNode: needsColonlessListeners(p) };
  return out;
}

/** The WeChat client (`wx.*`, not the framework) both backends share: miniprogram-simulate's API table. */
function installClient(): void {
  const g = globalThis as unknown as { wx?: AnyRecord };
  if (g.wx) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('miniprogram-simulate/src/api') as AnyRecord;
  g.wx = api;
  api.createSelectorQuery = createSelectorQuery;
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
  installClient();
  // vant's button declares a property named `dataset`; with fields written onto the node it
  // would clash with the node's own `dataset`. WeChat's adapter keeps fields off the node too.
  glassEasel.globalOptions.writeFieldsToNode = false;
  // Errors inside listeners and lifetimes fail the spec instead of being logged and lost.
  glassEasel.globalOptions.throwGlobalError = true;

  const sources = uploaderSources();
  const templates = templatesOf(
    sources.templateGroups,
    sources.components.map((c) => c.path),
  );
  const env = new MiniProgramEnv();
  const space = env.createCodeSpace('', true);
  for (const c of sources.components) {
    space.addComponentStaticConfig(c.path, c.config as StaticConfig);
    space.addCompiledTemplate(c.path, templates[c.path]);
    space.addStyleSheet(c.path, undefined, c.scope);
    const style = document.createElement('style');
    style.setAttribute('data-component', c.path);
    style.textContent = c.css;
    document.head.appendChild(style);
    // The adapter provides `Component` / `Behavior` as globals while a component's code loads, as
    // WeChat does. One module registry for the app, as in WeChat: vant's shared behaviors load once.
    space.globalComponentEnv(globalThis, c.path, () => {
      const g = globalThis as unknown as { Component: (o: AnyRecord) => unknown };
      const original = g.Component;
      g.Component = withoutBuiltinBehaviors(original);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(path.join(c.dir, 'index.js'));
      } finally {
        g.Component = original;
      }
    });
  }
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
    // A finger's tap, as glass-easel's own DOM backend makes it from touches or a mouse: bubbling
    // and composed (a host's `bindtap` on a component tag hears taps inside it, as in WeChat).
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
  w.space.addCompiledTemplate(hostPath, templatesOf(compileTemplateGroups({ [hostPath]: template }), [hostPath])[hostPath]);
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
