/**
 * Opens WeChat's file choosers: chat files through `wx.chooseMessageFile`, photos and videos
 * through `wx.chooseMedia`, falling back to `chooseImage` / `chooseVideo` where `chooseMedia`
 * is missing (PC WeChat, iOS WeCom). Only names, paths and sizes come back: never bytes.
 */
import type { PickedFile } from '../core';
import type { Accept } from './props';

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

/** What a chooser ended with: files, the user's cancel, or a failure with WeChat's text. */
export type PickOutcome = { files: Picked[] } | { cancelled: true } | { errMsg: string };

function failed(err: { errMsg?: string } | undefined): PickOutcome {
  const errMsg = (err && typeof err.errMsg === 'string' && err.errMsg) || '';
  return isCancel(errMsg) ? { cancelled: true } : { errMsg };
}

function chooseMessageFile(req: PickRequest): Promise<PickOutcome> {
  // 'file' is everything but photos and videos; 'all' lets chat photos and videos through too.
  const type = req.accept === 'file' ? 'file' : 'all';
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: Math.min(req.count, MAX_COUNT.messageFile),
      type,
      // The filter only works for type 'file', and not on every client: the component checks again.
      ...(type === 'file' && req.extensions.length ? { extension: req.extensions } : {}),
      success: (res) => resolve({ files: res.tempFiles.map((f) => ({ path: f.path, name: f.name || nameFromPath(f.path), size: f.size })) }),
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
      success: (res) => resolve({ files: res.tempFiles.map((f) => ({ path: f.path, name: nameFromPath(f.path), size: f.size })) }),
      fail: (err) => resolve(failed(err)),
    });
  });
}

function chooseVideo(): Promise<PickOutcome> {
  return new Promise((resolve) => {
    wx.chooseVideo({
      sourceType: ['album', 'camera'],
      compressed: false,
      success: (res) => resolve({ files: [{ path: res.tempFilePath, name: nameFromPath(res.tempFilePath), size: res.size }] }),
      fail: (err) => resolve(failed(err)),
    });
  });
}

function fallbackMedia(req: PickRequest): Promise<PickOutcome> {
  return req.accept === 'video' && typeof wx.chooseVideo === 'function' ? chooseVideo() : chooseImage(req);
}

function chooseMedia(req: PickRequest): Promise<PickOutcome> {
  if (typeof wx.chooseMedia !== 'function') return fallbackMedia(req);
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
      success: (res) => resolve({ files: res.tempFiles.map((f) => ({ path: f.tempFilePath, name: nameFromPath(f.tempFilePath), size: f.size, thumb: f.thumbTempFilePath || undefined })) }),
      fail: (err) => {
        if (!isCancel(err && err.errMsg) && isUnsupported(err && err.errMsg)) fallbackMedia(req).then(resolve);
        else resolve(failed(err));
      },
    });
  });
}

/** The files the user picked, the user's cancel, or the chooser's failure (privacy, permission…). */
export function pickFiles(req: PickRequest): Promise<PickOutcome> {
  return req.accept === 'file' || req.accept === 'all' ? chooseMessageFile(req) : chooseMedia(req);
}
