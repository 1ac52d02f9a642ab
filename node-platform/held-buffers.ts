/**
 * Counts the file content a platform's `readFile` handed out that is still alive, on the buffers
 * themselves (not RSS): each one is watched with a WeakRef, and a full collection runs before
 * counting, so what is left is what the package (or anything under it) still holds. Used by the
 * tests of SPEC 0.3 "Waiting holds nothing" and by the bench's figure of the same name.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import type { Platform } from '../components/core';

/** A full collection on demand. Without `--expose-gc` (jest's workers) V8 exposes `gc` to a new context once the flag is set. */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
}

/** ES2021's WeakRef (Node 14.6+), typed here: the project's lib is ES2020. */
interface WeakRefOf<T> {
  deref(): T | undefined;
}
const WeakRefCtor = (globalThis as unknown as { WeakRef: new <T extends object>(target: T) => WeakRefOf<T> }).WeakRef;

export interface ReadTracking<P extends Platform> {
  /** The platform, its `readFile` watched; everything else is the platform's own. */
  platform: P;
  /** Buffers handed out so far. */
  readonly reads: number;
  /** Bytes of the handed-out buffers still alive after a full collection. */
  liveBytes(): Promise<number>;
}

export function trackReads<P extends Platform>(platform: P): ReadTracking<P> {
  const gc = fullCollection();
  const handedOut: Array<WeakRefOf<ArrayBuffer>> = [];
  // Inherit, not copy: getters (a Node platform's `inFlight`) and the phone stay the platform's.
  const tracked = Object.create(platform) as P;
  tracked.readFile = async (path) => {
    const bytes = await platform.readFile(path);
    handedOut.push(new WeakRefCtor(bytes));
    return bytes;
  };
  return {
    platform: tracked,
    get reads() {
      return handedOut.length;
    },
    async liveBytes() {
      // Twice, a turn apart: promise reactions and sockets let go of their last references in between.
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setImmediate(r));
      }
      let bytes = 0;
      for (const ref of handedOut) {
        const buffer = ref.deref();
        if (buffer) bytes += buffer.byteLength;
      }
      return bytes;
    },
  };
}
