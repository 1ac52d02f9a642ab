/**
 * Helpers for host pages. `selectUploader(this, '#uploader')`: the component's methods, typed,
 * from a page or component. `hostFileIndex(id)`: which of the host's `files` a row id names.
 * `selectComponent` returns an untyped instance that no interface overlaps, so a plain `as` cast
 * fails under `strict`; this does the cast once, where it is known to hold.
 */
import type { ResourceUploaderInstance } from './types';

/** Row ids of the host's `files`: `host-<index>`. Chosen files never start with it. */
export const HOST_ID_PREFIX = 'host-';

/** The index in `files` of a `remove` event's id, or -1 for a chosen file. */
export function hostFileIndex(id: string): number {
  const index = typeof id === 'string' && id.indexOf(HOST_ID_PREFIX) === 0 ? id.slice(HOST_ID_PREFIX.length) : '';
  return /^\d+$/.test(index) ? Number(index) : -1;
}

/** Anything with `selectComponent`: a page's or a component's `this`. */
export interface ComponentSelector {
  selectComponent(selector: string): unknown;
}

/** The `<resource-uploader>` matching `selector`, or null when there is none (not rendered yet, `wx:if`). */
export function selectUploader(owner: ComponentSelector, selector: string): ResourceUploaderInstance | null {
  const found = owner && typeof owner.selectComponent === 'function' ? owner.selectComponent(selector) : null;
  return found && typeof (found as ResourceUploaderInstance).choose === 'function' ? (found as ResourceUploaderInstance) : null;
}
