/**
 * Puts wcc's compiled templates into the file map: simulate's browser build reads a component's
 * `.wxml` entry and expects the compiled function there (it cannot compile in a browser).
 */
import { pgWindow } from '../globals';

export function installTemplates(): void {
  const mp = pgWindow.__PLAYGROUND_MP__;
  // wcc's output checks the engine version; simulate sets it too, but only when a component loads.
  pgWindow.__webview_engine_version__ = 0.02;
  const gwx = mp.compileTemplates();
  for (const path of mp.wxml) pgWindow.__FILE_MAP__[path] = gwx(path);
}
