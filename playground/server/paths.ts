/** Where the playground finds the repository's parts; every path is absolute. */
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const PLAYGROUND_DIR = path.join(ROOT, 'playground');
export const STATIC_DIR = path.join(PLAYGROUND_DIR, 'static');
export const CLIENT_ENTRY = path.join(PLAYGROUND_DIR, 'client/main.ts');
/** The demo mini-program (its own sources; its `miniprogram_npm` is rebuilt virtually). */
export const DEMO_DIR = path.join(ROOT, 'miniprogram');
export const SIMULATE_BUNDLE = path.join(ROOT, 'node_modules/miniprogram-simulate/build.js');
