/**
 * The browser side of the glass-easel page: WeChat's component framework glass-easel on its DOM
 * backend, the built `<resource-uploader>` and vant (as `miniprogram_npm` holds them), and the
 * playground's browser `wx` (real requests to the emulator, real file dialogs, MD5 of the bytes).
 * `window.__GE_PAGE__` (server.ts) brings the compiled templates, the JSON, the scoped styles and
 * where to upload. `document.body.dataset.ge` says 'ready' or 'failed'.
 */
import * as glassEasel from 'glass-easel';
import { MiniProgramEnv } from 'glass-easel-miniprogram-adapter';
import { installBrowserWx } from '../../../playground/client/wx/install';
import { createSelectorQuery, withoutBuiltinBehaviors } from '../../support/glass-easel-bridges';
import type { PageSources } from './server';

type AnyRecord = Record<string, unknown>;
const w = window as unknown as { __GE_PAGE__: PageSources; __GE_EVENTS__: Array<{ type: string; detail: unknown }>; wx: AnyRecord };

/** Each component's code, by the folder name of its path (esbuild bundles these statically). */
const CODE: Record<string, () => unknown> = {
  info: () => require('@vant/weapp/lib/info/index.js'),
  icon: () => require('@vant/weapp/lib/icon/index.js'),
  loading: () => require('@vant/weapp/lib/loading/index.js'),
  progress: () => require('@vant/weapp/lib/progress/index.js'),
  button: () => require('@vant/weapp/lib/button/index.js'),
  'resource-uploader': () => require('../../../miniprogram_dist/resource-uploader/index.js'),
};

function boot(): void {
  const page = w.__GE_PAGE__;
  // The client's `wx`: the playground's browser platform on a base of the few calls vant makes.
  const fileSystem: AnyRecord = {};
  w.wx = { getFileSystemManager: () => fileSystem, canIUse: () => true, nextTick: (fn: () => void) => setTimeout(fn, 0), createSelectorQuery };
  installBrowserWx({ width: 375, height: 812, statusBarHeight: 44, windowHeight: 724 }, '3.8.12');
  glassEasel.globalOptions.writeFieldsToNode = false;

  const env = new MiniProgramEnv();
  const space = env.createCodeSpace('', true);
  const groups = new Function(`return ${page.templateGroups}`)() as Record<string, glassEasel.template.ProcGenGroup>;
  for (const c of page.components) {
    space.addComponentStaticConfig(c.path, c.config as never);
    space.addCompiledTemplate(c.path, { groupList: groups, content: groups[c.path], fallbackListenerOnNativeNode: c.colonlessListeners });
    space.addStyleSheet(c.path, undefined, c.scope);
    const style = document.createElement('style');
    style.textContent = c.css;
    document.head.appendChild(style);
    const code = CODE[c.path.split('/').slice(-2)[0]];
    space.globalComponentEnv(window, c.path, () => {
      const g = window as unknown as { Component: (o: AnyRecord) => unknown };
      const original = g.Component;
      g.Component = withoutBuiltinBehaviors(original);
      try {
        code();
      } finally {
        g.Component = original;
      }
    });
  }

  const hostGroups = new Function(`return ${page.host.templateGroups}`)() as Record<string, glassEasel.template.ProcGenGroup>;
  space.addComponentStaticConfig(page.host.path, { component: true, usingComponents: { 'resource-uploader': '/' + page.uploaderPath } });
  space.addCompiledTemplate(page.host.path, { groupList: hostGroups, content: hostGroups[page.host.path] });
  w.__GE_EVENTS__ = [];
  space.componentEnv(page.host.path, ({ Component }) => {
    (Component as unknown as (o: AnyRecord) => void)({
      data: page.host.data,
      methods: { onEvent: (e: { type: string; detail: unknown }) => w.__GE_EVENTS__.push({ type: e.type, detail: e.detail }) },
    });
  });
  const backend = new glassEasel.CurrentWindowBackendContext();
  // The DOM backend turns touches and mouse clicks into `tap` (bubbling, composed); the runtime
  // hands them to glass-easel's event system (0.12.1 has no `Event.triggerBackendEvent` yet,
  // which later versions' bootstrap guide passes here; `Event.triggerEvent` is what it does).
  backend.onEvent((target, type, detail, options) => glassEasel.Event.triggerEvent(target, type, detail, options));
  const root = env.associateBackend(backend).createRoot('host-page', space, page.host.path);
  const placeholder = document.createElement('span');
  document.body.appendChild(placeholder);
  root.attach(document.body as unknown as glassEasel.GeneralBackendElement, placeholder as unknown as glassEasel.GeneralBackendElement);
  document.body.dataset.ge = 'ready';
}

try {
  boot();
} catch (err) {
  const box = document.createElement('pre');
  box.className = 'ge-fatal';
  box.textContent = err instanceof Error ? err.stack || err.message : String(err);
  document.body.appendChild(box);
  document.body.dataset.ge = 'failed';
}
