/**
 * SPEC's properties (kebab-case in WXML, camelCase here) and how they become upload options.
 */
import { DEFAULTS, normalizeRestrictions } from '../core';
import type { Locale, QueueUploadOptions, Restrictions } from '../core';
import type { Accept, HostFile } from './types';

/**
 * Every property (SPEC's table, README's), with its type and default: the one list of them.
 * `Props` and the hosts' `ResourceUploaderProperties` are derived from it, so a property added
 * here is typed for hosts without being written out again. A `value` cast gives the precise type
 * a host may pass.
 *
 * `type: null` (any type) lets `extension` take an Array or a String (simulate drops
 * optionalTypes), and lets `max-size` and `min-upload-rate` arrive as written: a Number property
 * turns "10MB" into 0 before the component could call it unusable. `files`: the view's rows live
 * under other data keys (one namespace). A bare type has that type's empty default ('' or false).
 * Comments inside the object would ship (esbuild keeps them).
 */
export const properties = {
  productId: String,
  accessToken: String,
  resourceVer: { type: String, value: DEFAULTS.resourceVer },
  resourceName: String,
  endpoint: { type: String, value: DEFAULTS.endpoint },
  accept: { type: String, value: 'file' as Accept },
  extension: { type: null, value: [] as string[] | string },
  maxCount: { type: Number, value: 1 },
  maxSize: { type: null, value: DEFAULTS.maxSize as number | string },
  autoUpload: { type: Boolean, value: true },
  concurrency: { type: Number, value: 2 },
  register: Boolean,
  deviceId: String,
  disabled: Boolean,
  locale: { type: String, value: 'zh-CN' as Locale },
  files: { type: Array, value: [] as HostFile[] },
  deletable: { type: Boolean, value: true },
  preview: { type: Boolean, value: true },
  useBeforeUpload: Boolean,
  minUploadRate: { type: null, value: DEFAULTS.minUploadRate as number | string },
} satisfies WechatMiniprogram.Component.PropertyOption;

/** The properties as declared (what a host may set); the component still reads every value as untrusted. */
export type Props = WechatMiniprogram.Component.PropertyOptionToData<typeof properties>;

/** The component's properties in camelCase, as a host's page data may hold them. */
export interface ResourceUploaderProperties extends Partial<Props> {}

/** The component as its parts (admission, stored files) see it: the controller. */
export interface ComponentHost {
  readonly props: Props;
  /** The locale in force now: read at every wording. */
  readonly locale: string;
  /** One of SPEC's events (the component's `triggerEvent`). */
  emit(name: string, detail: object): void;
  /** Something the view shows changed. */
  changed(): void;
}

/**
 * A count of bytes (or bytes per second) as written: a number, or a text of decimal digits
 * (`max-size="1048576"`). Anything else is NaN, an unusable value.
 */
export function byteCountOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return NaN;
}

/**
 * A positive finite count as written, else the default: an unusable `max-size` (reported as
 * InvalidOption) never limits files to 0 B, and `min-upload-rate` 0 means the default.
 */
export function positiveOr(value: unknown, fallback: number): number {
  const n = byteCountOf(value);
  return isFinite(n) && n > 0 ? n : fallback;
}

export function restrictionsOf(p: Props): Restrictions {
  const extension = p.extension;
  // `['mp3', 'wav']`, `'mp3,wav'` and `'mp3 wav'` all mean the same; anything else is no filter (and an InvalidOption).
  return normalizeRestrictions({ extension: typeof extension === 'string' ? extension.split(/[\s,;|]+/) : extension, maxSize: positiveOr(p.maxSize, DEFAULTS.maxSize), maxCount: p.maxCount });
}

/**
 * What every upload of this component is asked to do; the file itself is added per upload. The
 * core gives an empty `resource-ver` or `endpoint` its default. No `locale`: the component words
 * failures itself, from their codes, when it shows them.
 */
export function uploadOptionsOf(p: Props): QueueUploadOptions {
  return {
    productId: p.productId,
    accessToken: p.accessToken,
    resourceVer: p.resourceVer,
    resourceName: p.resourceName,
    endpoint: p.endpoint,
    register: !!p.register,
    deviceId: p.deviceId,
    maxSize: positiveOr(p.maxSize, DEFAULTS.maxSize),
    minUploadRate: positiveOr(p.minUploadRate, DEFAULTS.minUploadRate),
  };
}
