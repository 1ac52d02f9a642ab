/**
 * Mounts `<resource-uploader>` the way a host page does, with the real @vant/weapp components,
 * and records what a host can observe: every event with its detail, and every `setData` the
 * component makes (with its size in bytes). Two frameworks, chosen by `UPLOADER_FRAMEWORK`:
 * miniprogram-simulate with WeChat's official template compiler (wcc), the default, or
 * glass-easel (`UPLOADER_FRAMEWORK=glass-easel`, see glass-easel-backend.ts), so the same
 * component specs run on both. Use in a spec whose docblock says `@jest-environment jsdom`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as Simulate from 'miniprogram-simulate';
import type { ResourceUploaderInstance } from '../../components/resource-uploader/types';
import { mountHost, RenderedNode } from './glass-easel-backend';

export const FRAMEWORKS = ['simulate', 'glass-easel'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
/** The framework this jest run mounts the component on. */
export const FRAMEWORK: Framework = process.env.UPLOADER_FRAMEWORK === 'glass-easel' ? 'glass-easel' : 'simulate';
export type { RenderedNode };

export const ROOT = path.resolve(__dirname, '../..');
const VANT_LIB = 'node_modules/@vant/weapp/lib';
/** The vant parts the component uses, and what they use in turn. */
const VANT_PARTS = ['button', 'icon', 'loading', 'progress', 'info'];
export const EVENT_NAMES = ['select', 'reject', 'progress', 'success', 'fail', 'complete', 'remove', 'error', 'before-upload'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export type Variant = 'src' | 'dist';

function componentDir(variant: Variant): string {
  return variant === 'src' ? 'components/resource-uploader' : 'miniprogram_dist/resource-uploader';
}

function listFiles(dir: string, ext: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => `${dir}/${f}`);
}

/**
 * simulate skips node_modules and leaves npm-style `usingComponents` unresolved (TOOLCHAIN):
 * hand wcc every template it will meet and map vant's names to its CommonJS build. The mapping
 * is root-absolute so it also holds inside vant's own components, which simulate applies it to.
 */
export function loadOptions(variants: Variant[]): Simulate.LoadOptions {
  const wxmlList = variants.map((v) => `${componentDir(v)}/index.wxml`).concat(VANT_PARTS.map((p) => `${VANT_LIB}/${p}/index.wxml`));
  const wxsList = listFiles(`${VANT_LIB}/wxs`, '.wxs').concat(VANT_PARTS.filter((p) => fs.existsSync(path.join(ROOT, VANT_LIB, p, 'index.wxs'))).map((p) => `${VANT_LIB}/${p}/index.wxs`));
  const usingComponents: Record<string, string> = {};
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'components/resource-uploader/index.json'), 'utf8')) as { usingComponents: Record<string, string> };
  for (const [tag, npmPath] of Object.entries(json.usingComponents)) {
    usingComponents[tag] = '/' + npmPath.replace(/^@vant\/weapp\//, `${VANT_LIB}/`);
  }
  return { compiler: 'official', rootPath: ROOT, compilerOptions: { wxmlList, wxsList }, usingComponents };
}

export interface EventRecord {
  name: EventName;
  detail: Record<string, unknown>;
}

export interface SetDataRecord {
  data: Record<string, unknown>;
  bytes: number;
  /** After the component was detached. */
  afterDetach: boolean;
}

/** The component instance as `selectComponent` returns it: the public methods, and the data and setData tests look at. */
export interface UploaderInstance extends ResourceUploaderInstance {
  data: Record<string, unknown> & { items: Array<Record<string, unknown>> };
  setData(data: Record<string, unknown>, cb?: () => void): void;
}

export interface Mounted {
  /** The host page (simulate's RootComponent, or glass-easel's root in the same shape). */
  host: RenderedNode;
  uploader: RenderedNode;
  instance: UploaderInstance;
  events: EventRecord[];
  setDataCalls: SetDataRecord[];
  /** Events of one name, in order. */
  of(name: EventName): Array<Record<string, unknown>>;
  /** Resolves when `predicate` holds, polling the recorded events (bounded). */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Changes host data bound to the component's properties. */
  set(props: Record<string, unknown>): void;
  detach(): void;
}

const styled = new Set<string>();

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/**
 * Renders a host whose template binds the given properties (in kebab-case, as a page would)
 * and every SPEC event; `slot` is WXML placed inside `<resource-uploader>`.
 */
function hostPage(props: Record<string, unknown>, slot: string) {
  const events: EventRecord[] = [];
  const attrs = Object.keys(props)
    .map((k) => `${kebab(k)}="{{ ${k} }}"`)
    .join(' ');
  const binds = EVENT_NAMES.map((e) => `bind:${e}="on_${e}"`).join(' ');
  const methods: Record<string, (e: { detail: Record<string, unknown> }) => void> = {};
  for (const name of EVENT_NAMES) methods[`on_${name}`] = (e) => events.push({ name, detail: e.detail });
  const template = `<resource-uploader wx:if="{{ shown }}" id="uploader" ${attrs} ${binds}>${slot}</resource-uploader>`;
  return { events, template, data: { shown: true, ...props }, methods };
}

/** Wraps the instance's setData to record every call, and builds what a spec sees. */
function recorded(page: ReturnType<typeof hostPage>, host: RenderedNode, uploader: RenderedNode, instance: UploaderInstance, setHostData: (d: Record<string, unknown>) => void): Mounted {
  const { events } = page;
  const setDataCalls: SetDataRecord[] = [];
  let detached = false;
  const original = instance.setData;
  instance.setData = (data, cb) => {
    setDataCalls.push({ data, bytes: Buffer.byteLength(JSON.stringify(data), 'utf8'), afterDetach: detached });
    original.call(instance, data, cb);
  };
  return {
    host,
    uploader,
    instance,
    events,
    setDataCalls,
    of: (name) => events.filter((e) => e.name === name).map((e) => e.detail),
    until: async (predicate, what, timeoutMs = 5000) => {
      const start = Date.now();
      while (!predicate()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; events: ${events.map((e) => e.name).join(', ')}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    set: (data) => setHostData(data),
    detach: () => {
      detached = true;
      setHostData({ shown: false });
    },
  };
}

/** glass-easel: the built component in a host page of its own (see glass-easel-backend.ts). */
export function mountUploaderOnGlassEasel(props: Record<string, unknown> = {}, options: { slot?: string } = {}): Mounted {
  const page = hostPage(props, options.slot || '');
  const { host, uploader, instance, setHostData } = mountHost(page.template, page.data, page.methods);
  return recorded(page, host, uploader, instance as unknown as UploaderInstance, setHostData);
}

export function mountUploader(
  simulate: typeof Simulate,
  uploaderId: string,
  props: Record<string, unknown> = {},
  options: { slot?: string } = {},
): Mounted {
  const page = hostPage(props, options.slot || '');
  const hostId = simulate.load({
    template: page.template,
    usingComponents: { 'resource-uploader': uploaderId },
    data: page.data,
    methods: page.methods,
  } as unknown as Parameters<typeof simulate.load>[0]) as unknown as string;
  // simulate injects a component's wxss only when that component itself is rendered; a detached
  // throwaway instance (its controller is made in `attached`, so it does nothing) puts it in the page.
  if (!styled.has(uploaderId)) {
    simulate.render(uploaderId);
    styled.add(uploaderId);
  }
  const host = simulate.render(hostId);
  const uploader = host.querySelector('#uploader')!;
  const instance = uploader.instance as unknown as UploaderInstance;
  const mounted = recorded(page, host as unknown as RenderedNode, uploader as unknown as RenderedNode, instance, (d) => host.setData(d));
  const parent = document.createElement('parent-wrapper');
  host.attach(parent);
  return mounted;
}

/** Taps a vant button the way a finger does: on the native button inside it. */
export function tapVantButton(root: Mounted['uploader'], selector: string): void {
  const vanButton = root.querySelector(selector);
  if (!vanButton) throw new Error(`no ${selector}`);
  const inner = vanButton.querySelector('.van-button');
  if (!inner) throw new Error(`no .van-button inside ${selector}`);
  inner.dispatchEvent('tap');
}
