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

function globalObject(): Record<string, unknown> | null {
  if (typeof globalThis === 'object' && globalThis) return globalThis as unknown as Record<string, unknown>;
  // Older mini-program engines may lack `globalThis`; `wx` is one object for the whole app.
  if (typeof wx === 'object' && wx) return wx as unknown as Record<string, unknown>;
  return null;
}

let local: Slots | null = null;

function slots(): Slots {
  const g = globalObject();
  if (!g) return local || (local = {});
  let s = g[KEY] as Slots | undefined;
  if (!s || typeof s !== 'object') {
    s = {};
    // Not enumerable: a host looping over the global object never meets it.
    Object.defineProperty(g, KEY, { value: s, configurable: true, writable: false, enumerable: false });
  }
  return s;
}

/** The app-wide value named `name`, created by `create` the first time any copy asks. */
export function appSlot<T>(name: string, create: () => T): T {
  const s = slots();
  if (!Object.prototype.hasOwnProperty.call(s, name)) s[name] = create();
  return s[name] as T;
}
