/**
 * A browser-like global scope for miniprogram-simulate outside jest: the jsdom window's properties
 * become Node's globals, as jest-environment-jsdom makes them a test's globals. Node keeps its own
 * language built-ins, timers, URL and the like; the DOM's event classes must be jsdom's, or jsdom
 * refuses the events j-component dispatches.
 */
import { JSDOM } from 'jsdom';

const DOM_OWNED = ['EventTarget', 'Event', 'CustomEvent', 'MessageEvent', 'DOMException'];

export function installDom(url = 'http://127.0.0.1/'): () => void {
  const dom = new JSDOM('<!DOCTYPE html>', { pretendToBeVisual: true, url });
  const win = dom.window as unknown as Record<string, unknown>;
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in g && DOM_OWNED.indexOf(key) === -1) continue;
    saved.set(key, Object.getOwnPropertyDescriptor(g, key));
    Object.defineProperty(g, key, { configurable: true, enumerable: false, get: () => win[key], set: (v) => (win[key] = v) });
  }
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, key, descriptor);
      else delete g[key];
    }
    dom.window.close();
  };
}
