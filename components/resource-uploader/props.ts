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

export const properties = {
  productId: { type: String, value: '' },
  accessToken: { type: String, value: '' },
  resourceVer: { type: String, value: DEFAULTS.resourceVer },
  resourceName: { type: String, value: '' },
  endpoint: { type: String, value: DEFAULTS.endpoint },
  accept: { type: String, value: 'file' },
  // An Array or a String ('mp3,wav'); `type: null` takes both (simulate drops optionalTypes).
  extension: { type: null, value: [] as string[] | string },
  maxCount: { type: Number, value: 1 },
  maxSize: { type: Number, value: DEFAULTS.maxSize },
  autoUpload: { type: Boolean, value: true },
  concurrency: { type: Number, value: 2 },
  register: { type: Boolean, value: false },
  deviceId: { type: String, value: '' },
  disabled: { type: Boolean, value: false },
  locale: { type: String, value: 'zh-CN' },
  /** Files the host already has; the view's rows live under other data keys (one namespace). */
  files: { type: Array, value: [] as HostFile[] },
  deletable: { type: Boolean, value: true },
  preview: { type: Boolean, value: true },
  useBeforeUpload: { type: Boolean, value: false },
  /** Bytes per second a PUT may be as slow as; its timeout grows with the file's size at this rate. */
  minUploadRate: { type: Number, value: DEFAULTS.minUploadRate },
};

/** The properties as the component reads them. */
export interface Props {
  productId: string;
  accessToken: string;
  resourceVer: string;
  resourceName: string;
  endpoint: string;
  accept: string;
  extension: unknown;
  maxCount: number;
  maxSize: number;
  autoUpload: boolean;
  concurrency: number;
  register: boolean;
  deviceId: string;
  disabled: boolean;
  locale: string;
  files: unknown;
  deletable: boolean;
  preview: boolean;
  useBeforeUpload: boolean;
  minUploadRate: number;
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
  return normalizeRestrictions({ extension: extensionList(p.extension), maxSize: p.maxSize, maxCount: p.maxCount });
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
    minUploadRate: p.minUploadRate,
  };
}
