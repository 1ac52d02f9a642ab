/** The browser playground: the demo mini-program with the built component, on the local emulator. */
export { startPlayground } from './start';
export type { Playground, PlaygroundOptions } from './start';
