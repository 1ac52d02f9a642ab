/**
 * `<resource-uploader>`: a thin `Component()` shell. Properties go to the controller, which owns
 * the queue and the view; this file only wires lifetimes, observers, taps and SPEC's methods.
 */
import { setDefaultPlatform } from '../core';
import { createWechatPlatform } from '../platform/wechat';
import { initialData, Uploader } from './controller';
import { properties } from './props';

// Uploads run on WeChat unless told otherwise; the package entry binds the same (one platform, made once).
setDefaultPlatform(createWechatPlatform);

// The component's own `index.d.ts` carries its types (event details, the instance's methods).
export type * from './types';
export type { ResourceUploaderProperties } from './props';

// One controller per instance, out of `data` so it is never serialized to the view.
const uploaders = new WeakMap<object, Uploader>();

/** Calls `fn` with this instance's controller: there is none before `attached` or after `detached`. */
function withUploader(component: object, fn: (u: Uploader) => void): void {
  const u = uploaders.get(component);
  if (u) fn(u);
}

/** The row id a tap carries (`data-id`); every row's control has one. */
function idOf(event: WechatMiniprogram.BaseEvent): string {
  const id = event.currentTarget.dataset.id;
  return typeof id === 'string' ? id : '';
}

Component({
  externalClasses: ['custom-class'],
  properties,
  data: initialData(),
  observers: {
    concurrency(value: number) {
      withUploader(this, (u) => u.setConcurrency(value));
    },
    files(value: unknown) {
      withUploader(this, (u) => u.setHostFiles(value));
    },
    // What the list accepts or how it looks: checked again (a value is reported once, so a check repeated is harmless) and redrawn.
    'locale, preview, maxCount, maxSize, extension, minUploadRate'() {
      withUploader(this, (u) => {
        u.checkProperties();
        u.refresh();
      });
    },
  },
  lifetimes: {
    attached() {
      uploaders.set(this, new Uploader(this));
    },
    detached() {
      const u = uploaders.get(this);
      uploaders.delete(this);
      if (u) u.detach();
    },
  },
  methods: {
    /** SPEC: opens the chooser (a second call while it is open does nothing). */
    choose(): Promise<void> {
      const u = uploaders.get(this);
      return u ? u.choose() : Promise.resolve();
    },
    /** SPEC: starts the files waiting (with `auto-upload` off). */
    upload() {
      withUploader(this, (u) => u.upload());
    },
    /** SPEC: uploads one failed or cancelled file again, or every failed one. */
    retry(id?: string) {
      withUploader(this, (u) => u.retry(id));
    },
    /** SPEC: stops one file, or every file not yet settled. */
    abort(id?: string) {
      withUploader(this, (u) => u.abort(id));
    },
    /** SPEC: takes a file off the list (stopping it first). */
    remove(id: string) {
      withUploader(this, (u) => u.remove(id));
    },
    /** SPEC: empties the list. */
    clear() {
      withUploader(this, (u) => u.clear());
    },

    // Taps: separate from the methods above, which must not receive an event as an id
    // (an id no row has, '' included, names nothing and does nothing).
    onChooseTap() {
      this.choose();
    },
    onUploadTap() {
      this.upload();
    },
    onRetryTap(event: WechatMiniprogram.BaseEvent) {
      this.retry(idOf(event));
    },
    onAbortTap(event: WechatMiniprogram.BaseEvent) {
      this.abort(idOf(event));
    },
    onRemoveTap(event: WechatMiniprogram.BaseEvent) {
      this.remove(idOf(event));
    },
    onPreviewTap(event: WechatMiniprogram.BaseEvent) {
      withUploader(this, (u) => u.preview(idOf(event)));
    },
    onPlayTap(event: WechatMiniprogram.BaseEvent) {
      withUploader(this, (u) => u.togglePlay(idOf(event)));
    },
  },
});
