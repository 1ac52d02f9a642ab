/**
 * State meant for the whole mini-program lives here, not in module variables: a subpackage's own
 * `miniprogram_npm` copy of the package, or a test that `require`s the package beside a component
 * loaded from `miniprogram_npm`, is a second copy of every module, and module state is per copy
 * (platform-facts §6). Each piece of app-wide state is one named slot on one object hung on the
 * global object; the first copy to ask creates it, every other copy finds it.
 */

/** Bumped only when a slot changes shape: copies of one shape share, others keep apart. */
const KEY = '__iotexplorerResourceUploader.v1';

type Slots = Record<string, unknown>;

/** Where the slots hang when there is no global object: then this copy keeps its own. */
const own: Slots = {};

/** The app-wide value named `name` (an object), created by `create` the first time any copy asks. */
export function appSlot<T extends object>(name: string, create: () => T): T {
  // Older mini-program engines may lack `globalThis`; `wx` is one object for the whole app.
  const g = ((typeof globalThis === 'object' && globalThis) || (typeof wx === 'object' && wx) || own) as unknown as Slots;
  let slots = g[KEY] as Slots | undefined;
  if (!slots || typeof slots !== 'object') {
    slots = {};
    // Neither writable nor enumerable (defineProperty's defaults): a host looping over the global object never meets it.
    Object.defineProperty(g, KEY, { value: slots, configurable: true });
  }
  return (slots[name] || (slots[name] = create())) as T;
}
