/**
 * Opens WeChat's file choosers: chat files through `wx.chooseMessageFile`, photos and videos
 * through `wx.chooseMedia`, falling back to `chooseImage` / `chooseVideo` where `chooseMedia`
 * is missing (PC WeChat, iOS WeCom). Only names, paths and sizes come back: never bytes.
 */
import type { PickedFile } from '../core';
import type { Accept } from './types';

export interface PickRequest {
  accept: Accept;
  count: number;
  /** Lower-case, without dots; passed to chooseMessageFile as a first filter. */
  extensions: string[];
}

/** Per-API ceilings of `count` (platform-facts §4). */
export const MAX_COUNT = { messageFile: 100, media: 20, mediaBefore2_25: 9, image: 9 };

/** `a` older than `b`, both `x.y.z`. */
function older(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) < (pb[i] || 0);
  }
  return false;
}

function sdkVersion(): string {
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return (info && info.SDKVersion) || '';
  } catch {
    return '';
  }
}

/** chooseMedia hands back paths only: the name is the path's last segment. */
export function nameFromPath(path: string): string {
  const clean = path.split(/[?#]/)[0];
  return clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1) || clean;
}

function isCancel(errMsg: string | undefined): boolean {
  return /cancel/i.test(errMsg || '');
}

function isUnsupported(errMsg: string | undefined): boolean {
  return /not support|unsupport|not implemented|no such api/i.test(errMsg || '');
}

/** A picked file; videos from chooseMedia also bring a cover image. */
export type Picked = PickedFile & { thumb?: string };

/**
 * What a chooser ended with: files (and, when some entries of its answer were unusable, a text
 * naming what they lacked), the user's cancel, or a failure with WeChat's text or the missing API.
 */
export type PickOutcome = { files: Picked[]; dropped?: string } | { cancelled: true } | { errMsg: string };

/** The fields of a chooser's entry the component needs, in the order they are checked. */
const NEEDED_FIELDS = ['path', 'size'] as const;
type NeededField = (typeof NEEDED_FIELDS)[number];

/** A size as a chooser may give it: a number, or decimal digits (Android has sent strings). */
function sizeOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * A chooser's answer is untrusted (platform facts §6): a size given as digits counts as that
 * number, a missing or empty name becomes the path's last segment, and an entry without a usable
 * path or size is left out, the `dropped` text naming the fields that were missing.
 */
function usable(api: string, entries: unknown, read: (entry: Record<string, unknown>) => { path: unknown; size: unknown; name?: unknown; thumb?: unknown }): PickOutcome {
  const files: Picked[] = [];
  const lacking: NeededField[] = [];
  let left = 0;
  for (const entry of Array.isArray(entries) ? entries : []) {
    const raw = entry && typeof entry === 'object' ? read(entry as Record<string, unknown>) : { path: undefined, size: undefined };
    const path = typeof raw.path === 'string' && raw.path ? raw.path : null;
    const size = sizeOf(raw.size);
    if (path === null || size === null) {
      left++;
      const field: NeededField = path === null ? 'path' : 'size';
      if (lacking.indexOf(field) === -1) lacking.push(field);
      continue;
    }
    const name = typeof raw.name === 'string' && raw.name ? raw.name : nameFromPath(path);
    const thumb = typeof raw.thumb === 'string' && raw.thumb ? raw.thumb : undefined;
    files.push(thumb ? { path, name, size, thumb } : { path, name, size });
  }
  if (!left) return { files };
  const fields = NEEDED_FIELDS.filter((f) => lacking.indexOf(f) !== -1).map((f) => `no usable ${f}`);
  return { files, dropped: `${api}: ${left} of the chosen entries left out (${fields.join(', ')})` };
}

/** When a chooser API does not exist (chooseMessageFile inside plugins, say): opens nothing. */
function missing(...apis: string[]): PickOutcome {
  return { errMsg: `${apis.map((a) => 'wx.' + a).join(' and ')} ${apis.length > 1 ? 'are' : 'is'} not available on this client` };
}

function failed(err: { errMsg?: string } | undefined): PickOutcome {
  const errMsg = (err && typeof err.errMsg === 'string' && err.errMsg) || '';
  return isCancel(errMsg) ? { cancelled: true } : { errMsg };
}

function chooseMessageFile(req: PickRequest): Promise<PickOutcome> {
  if (typeof wx.chooseMessageFile !== 'function') return Promise.resolve(missing('chooseMessageFile'));
  // 'file' is everything but photos and videos; 'all' lets chat photos and videos through too.
  const type = req.accept === 'file' ? 'file' : 'all';
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: Math.min(req.count, MAX_COUNT.messageFile),
      type,
      // The filter only works for type 'file', and not on every client: the component checks again.
      ...(type === 'file' && req.extensions.length ? { extension: req.extensions } : {}),
      success: (res) => resolve(usable('chooseMessageFile', res && res.tempFiles, (f) => ({ path: f.path, name: f.name, size: f.size }))),
      fail: (err) => resolve(failed(err)),
    });
  });
}

function chooseImage(req: PickRequest): Promise<PickOutcome> {
  return new Promise((resolve) => {
    wx.chooseImage({
      count: Math.min(req.count, MAX_COUNT.image),
      sizeType: ['original'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve(usable('chooseImage', res && res.tempFiles, (f) => ({ path: f.path, size: f.size }))),
      fail: (err) => resolve(failed(err)),
    });
  });
}

function chooseVideo(): Promise<PickOutcome> {
  return new Promise((resolve) => {
    wx.chooseVideo({
      sourceType: ['album', 'camera'],
      compressed: false,
      success: (res) => resolve(usable('chooseVideo', [res], (f) => ({ path: f.tempFilePath, size: f.size }))),
      fail: (err) => resolve(failed(err)),
    });
  });
}

/** Where chooseMedia is missing or unsupported: videos through chooseVideo, the rest through chooseImage. */
function fallbackMedia(req: PickRequest, before: string[]): Promise<PickOutcome> {
  const api = req.accept === 'video' ? 'chooseVideo' : 'chooseImage';
  if (typeof wx[api] !== 'function') return Promise.resolve(missing(...before, api));
  return api === 'chooseVideo' ? chooseVideo() : chooseImage(req);
}

function chooseMedia(req: PickRequest): Promise<PickOutcome> {
  if (typeof wx.chooseMedia !== 'function') return fallbackMedia(req, ['chooseMedia']);
  const version = sdkVersion();
  const ceiling = version && older(version, '2.25.0') ? MAX_COUNT.mediaBefore2_25 : MAX_COUNT.media;
  const mediaType: Array<'image' | 'video'> = req.accept === 'image' ? ['image'] : req.accept === 'video' ? ['video'] : ['image', 'video'];
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: Math.min(req.count, ceiling),
      mediaType,
      sourceType: ['album', 'camera'],
      // The device gets the file the user chose, not a recompressed copy.
      sizeType: ['original'],
      success: (res) => resolve(usable('chooseMedia', res && res.tempFiles, (f) => ({ path: f.tempFilePath, size: f.size, thumb: f.thumbTempFilePath }))),
      fail: (err) => {
        if (!isCancel(err && err.errMsg) && isUnsupported(err && err.errMsg)) fallbackMedia(req, []).then(resolve);
        else resolve(failed(err));
      },
    });
  });
}

/** The files the user picked, the user's cancel, or the chooser's failure (privacy, permission…). */
export function pickFiles(req: PickRequest): Promise<PickOutcome> {
  return req.accept === 'file' || req.accept === 'all' ? chooseMessageFile(req) : chooseMedia(req);
}
