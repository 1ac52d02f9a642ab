/** The browser globals the playground shares with miniprogram-simulate's bundle and the mini-program. */

/** A rendered component, as simulate's `render` and `querySelector` return it. */
export interface SimComponent {
  readonly dom: HTMLElement;
  readonly instance: Record<string, unknown> & {
    data: Record<string, unknown>;
    setData(data: Record<string, unknown>, cb?: () => void): void;
  };
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
}

export interface Simulate {
  load(path: string, tagName: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
}

/** What `/playground/mp.js` defines (see server/file-map.ts). */
export interface PlaygroundMp {
  meta: { pages: string[]; libVersion: string };
  wxml: string[];
  compileTemplates(): (path: string) => unknown;
}

/** The `wx` object simulate installs: the playground replaces some of its methods. */
export type WxObject = Record<string, unknown>;

interface PlaygroundWindow {
  simulate: Simulate;
  wx: WxObject;
  __FILE_MAP__: Record<string, unknown>;
  __PLAYGROUND_MP__: PlaygroundMp;
  __webview_engine_version__: number;
  require: (path: string) => unknown;
}

export const pgWindow = window as unknown as Window & PlaygroundWindow & Record<string, unknown>;
