/**
 * `selectUploader(this, '#uploader')`: the component's methods, typed, from a page or component.
 * `selectComponent` returns an untyped instance that no interface overlaps, so a plain `as` cast
 * fails under `strict`; this does the cast once, where it is known to hold.
 */
import type { ResourceUploaderInstance } from './types';

/** Anything with `selectComponent`: a page's or a component's `this`. */
export interface ComponentSelector {
  selectComponent(selector: string): unknown;
}

/** The `<resource-uploader>` matching `selector`, or null when there is none (not rendered yet, `wx:if`). */
export function selectUploader(owner: ComponentSelector, selector: string): ResourceUploaderInstance | null {
  const found = owner && typeof owner.selectComponent === 'function' ? owner.selectComponent(selector) : null;
  return found && typeof (found as ResourceUploaderInstance).choose === 'function' ? (found as ResourceUploaderInstance) : null;
}
