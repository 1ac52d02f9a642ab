/**
 * Two files are never stored under one name. A fixed `resourceName` (`UserResourceName`) is held by
 * one upload at a time, app-wide (per product), from its start until it settles; another upload of
 * the same name meanwhile ends `ResourceNameInUse` before any request. Uploads one after another
 * may reuse a name on purpose (a host replacing a ringtone): the JS API leaves that to the host, and
 * the queue refuses it within one list (see `UploadQueue.isResourceNameUsed`).
 */
import { once } from '../listeners';
import { appSlot } from '../app-state';

/** App-wide: an upload started by another copy of the package holds its name too. */
const held = appSlot('resourceNames', () => new Set<string>());

/** The release function, or null when another upload holds the name. */
export function claimResourceName(productId: string, name: string): (() => void) | null {
  const key = productId + '\n' + name;
  if (held.has(key)) return null;
  held.add(key);
  // Only once: a second delete could free the name for an upload that claimed it since.
  return once(() => held.delete(key));
}

