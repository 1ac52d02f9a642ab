/**
 * SPEC's properties (kebab-case in WXML, camelCase here) and how they become upload options.
 */
import { normalizeLocale } from '../core';
import type { Locale } from '../core';
import { DEFAULTS } from '../core';
import { normalizeRestrictions, Restrictions } from '../core';
import type { QueueUploadOptions } from '../core';

import type { Accept, HostFile } from './types';

export type { Accept };

/**
 * Every property, with its type and default: the one list of them. `Props` and the hosts'
 * `ResourceUploaderProperties` are derived from it, so a property added here is typed for hosts
 * without being written out again. A `value` cast gives the precise type a host may pass.
 */
export const properties = {
  /** `ProductId`; required to upload. */
  productId: { type: String, value: '' },
  /** `AccessToken` from the host's login flow (or leave it empty and set a token provider). */
  accessToken: { type: String, value: '' },
  /** `ResourceVer`. */
  resourceVer: { type: String, value: DEFAULTS.resourceVer },
  /** `UserResourceName`; empty: the file's MD5 (lower-case hex). */
  resourceName: { type: String, value: '' },
  /** Token API URL; `https:` unless the host is loopback. */
  endpoint: { type: String, value: DEFAULTS.endpoint },
  /** Which chooser opens. */
  accept: { type: String, value: 'file' as Accept },
  /**
   * Allowed extensions without the dot (`['mp3', 'wav']`, `'mp3,wav'`, `'mp3 wav'`); empty: any.
   * `type: null` takes an Array or a String (simulate drops optionalTypes).
   */
  extension: { type: null, value: [] as string[] | string },
  /** The most files the list holds, the host's `files` included. */
  maxCount: { type: Number, value: 1 },
  /**
   * Bytes; larger files are rejected before any network call. A text of decimal digits counts as
   * that number. `type: null` so that the value arrives as written: a Number property would turn
   * `"10MB"` into 0 before the component could call it unusable.
   */
  maxSize: { type: null, value: DEFAULTS.maxSize as number | string },
  /** Upload as soon as files are chosen. */
  autoUpload: { type: Boolean, value: true },
  /** Files uploading at once, 1 to 9 (clamped). */
  concurrency: { type: Number, value: 2 },
  /** After the PUT, register the file with `AppCreateProductResource`. */
  register: { type: Boolean, value: false },
  /** Send the file to this device (implies `register`) and track delivery. */
  deviceId: { type: String, value: '' },
  disabled: { type: Boolean, value: false },
  /** Every text the component shows or puts in `message`. */
  locale: { type: String, value: 'zh-CN' as Locale },
  /** Files the host already has; the view's rows live under other data keys (one namespace). */
  files: { type: Array, value: [] as HostFile[] },
  /** Show remove buttons. */
  deletable: { type: Boolean, value: true },
  /** Thumbnails and full-screen previews for images and videos, play/stop for audio. */
  preview: { type: Boolean, value: true },
  /** Emit `before-upload` and wait for its `callback` before any network call. */
  useBeforeUpload: { type: Boolean, value: false },
  /**
   * Bytes per second a PUT may be as slow as; its timeout grows with the file's size at this rate.
   * 0: the default. Read as written, like `maxSize`.
   */
  minUploadRate: { type: null, value: DEFAULTS.minUploadRate as number | string },
} satisfies WechatMiniprogram.Component.PropertyOption;

/** The properties as declared (what a host may set); the component still reads every value as untrusted. */
export type Props = WechatMiniprogram.Component.PropertyOptionToData<typeof properties>;

/** The component's properties in camelCase, as a host's page data may hold them. */
export interface ResourceUploaderProperties extends Partial<Props> {}

/**
 * A count of bytes (or bytes per second) as written: a number, or a text of decimal digits
 * (`max-size="1048576"`). Anything else is NaN, an unusable value.
 */
export function byteCountOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return NaN;
}

/** A positive finite `max-size`; an unusable one (reported as InvalidOption) never limits files to 0 B. */
export function maxSizeOf(value: unknown): number {
  const size = byteCountOf(value);
  return isFinite(size) && size > 0 ? size : DEFAULTS.maxSize;
}

/** `min-upload-rate`: 0 means the default; an unusable one (reported as InvalidOption) too. */
export function minUploadRateOf(value: unknown): number {
  const rate = byteCountOf(value);
  return isFinite(rate) && rate > 0 ? rate : DEFAULTS.minUploadRate;
}

const ACCEPTS: Accept[] = ['file', 'image', 'video', 'media', 'all'];

export function normalizeAccept(value: unknown): Accept {
  return ACCEPTS.indexOf(value as Accept) !== -1 ? (value as Accept) : 'file';
}

/** `['mp3', 'wav']`, `'mp3,wav'` and `'mp3 wav'` all mean the same; anything else: no filter (and an InvalidOption). */
export function extensionList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(/[\s,;|]+/);
  return [];
}

export function restrictionsOf(p: Props): Restrictions {
  return normalizeRestrictions({ extension: extensionList(p.extension), maxSize: maxSizeOf(p.maxSize), maxCount: p.maxCount });
}

/** What every upload of this component is asked to do; the file itself is added per upload. */
export function uploadOptionsOf(p: Props): QueueUploadOptions {
  return {
    productId: p.productId,
    accessToken: p.accessToken,
    resourceVer: p.resourceVer || DEFAULTS.resourceVer,
    resourceName: p.resourceName,
    endpoint: p.endpoint || DEFAULTS.endpoint,
    register: !!p.register,
    deviceId: p.deviceId,
    maxSize: restrictionsOf(p).maxSize,
    locale: normalizeLocale(p.locale) as Locale,
    minUploadRate: minUploadRateOf(p.minUploadRate),
  };
}
