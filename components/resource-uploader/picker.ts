/**
 * Opens WeChat's file choosers: chat files through `wx.chooseMessageFile`, photos and videos
 * through `wx.chooseMedia`, falling back to `chooseImage` / `chooseVideo` where `chooseMedia`
 * is missing (PC WeChat, iOS WeCom). Only names, paths and sizes come back: never bytes.
 */
import type { PickedFile } from '../core';
import { byteCountOf } from './props';
import type { Accept } from './types';

export interface PickRequest {
  /** As the host gave it: unknown values mean 'file'. */
  accept: Accept;
  count: number;
  /** Lower-case, without dots; passed to chooseMessageFile as a first filter. */
  extensions: string[];
}

const ALBUM_AND_CAMERA = ['album', 'camera'];
/** The device gets the file the user chose, not a recompressed copy. */
const ORIGINAL = ['original'];

type ChooserApi = 'chooseMessageFile' | 'chooseMedia' | 'chooseImage' | 'chooseVideo';
type Entry = Record<string, unknown>;
/** The fields of one entry of a chooser's answer, as that chooser names them. */
type Reader = (entry: Entry) => { path?: unknown; size?: unknown; name?: unknown; thumb?: unknown };

// The ceilings of `count` (platform-facts §4): chooseMessageFile 100, chooseImage 9, chooseMedia 20 (9 before 2.25.0).

/** chooseMedia's ceiling of `count` on this base library. */
function mediaCeiling(): number {
  let version = '';
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    version = (info && info.SDKVersion) || '';
  } catch {
    // No version known: the current ceiling.
  }
  if (!version) return 20;
  const [major, minor = 0] = version.split('.').map((n) => Number(n) || 0);
  return major < 2 || (major === 2 && minor < 25) ? 9 : 20;
}

/** chooseMedia hands back paths only: the name is the path's last segment. */
function nameFromPath(path: string): string {
  const clean = path.split(/[?#]/)[0];
  return clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1) || clean;
}

/** A picked file; videos from chooseMedia also bring a cover image. */
export type Picked = PickedFile & { thumb?: string };

/**
 * What a chooser ended with: files (and, when some entries of its answer were unusable, a text
 * naming what they lacked), the user's cancel, or a failure with WeChat's text or the missing API.
 */
export type PickOutcome = { files: Picked[]; dropped?: string } | { cancelled: true } | { errMsg: string };

/** A chooser's text field when it holds something. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * A chooser's answer is untrusted (platform facts §6): a size given as digits counts as that
 * number, a missing or empty name becomes the path's last segment, and an entry without a usable
 * path or size is left out, the `dropped` text naming the fields that were missing.
 */
function usable(api: ChooserApi, entries: unknown, read: Reader): PickOutcome {
  const files: Picked[] = [];
  let left = 0;
  /** What the entries left out lacked. */
  const lacking = new Set<string>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    // Not an object (null, a number…): no field of it is usable.
    const raw = entry ? read(entry as Entry) : {};
    const path = nonEmpty(raw.path);
    // A size as a chooser may give it: a number, or decimal digits (Android has sent strings).
    const size = byteCountOf(raw.size);
    if (!path || !(size >= 0 && isFinite(size))) {
      left++;
      lacking.add(path ? 'no usable size' : 'no usable path');
      continue;
    }
    files.push({ path, name: nonEmpty(raw.name) || nameFromPath(path), size, thumb: nonEmpty(raw.thumb) });
  }
  if (!left) return { files };
  // Sorted: the path before the size, whichever entry came first.
  return { files, dropped: `${api}: ${left} of the chosen entries left out (${[...lacking].sort().join(', ')})` };
}

function failureOutcome(errMsg: string): PickOutcome {
  return /cancel/i.test(errMsg) ? { cancelled: true } : { errMsg };
}

/**
 * Opens chooser `api` with `options`, its answer read by `read`; `onFail` turns WeChat's errMsg
 * into the outcome. When the client has no such API (chooseMessageFile inside plugins, say), nothing
 * opens: the outcome names it, after the APIs found missing before it (`missingBefore`).
 */
function open(api: ChooserApi, options: object, read: Reader, missingBefore: ChooserApi[] = [], onFail: (errMsg: string) => PickOutcome | Promise<PickOutcome> = failureOutcome): Promise<PickOutcome> {
  if (typeof wx[api] !== 'function') {
    return Promise.resolve({ errMsg: `wx.${[...missingBefore, api].join(', wx.')} not available on this client` });
  }
  return new Promise((resolve) => {
    (wx[api] as unknown as (o: object) => void)({
      ...options,
      // chooseVideo answers with its one file itself, the others with a list.
      success: (res: Entry) => resolve(usable(api, api === 'chooseVideo' ? [res] : res && res.tempFiles, read)),
      fail: (err?: { errMsg?: unknown }) => resolve(onFail(err && typeof err.errMsg === 'string' ? err.errMsg : '')),
    });
  });
}

/** Where chooseMedia is missing or unsupported: videos through chooseVideo, the rest through chooseImage. */
function fallbackMedia(req: PickRequest, missingBefore: ChooserApi[]): Promise<PickOutcome> {
  if (req.accept === 'video') return open('chooseVideo', { sourceType: ALBUM_AND_CAMERA, compressed: false }, (f) => ({ path: f.tempFilePath, size: f.size }), missingBefore);
  return open('chooseImage', { count: Math.min(req.count, 9), sizeType: ORIGINAL, sourceType: ALBUM_AND_CAMERA }, (f) => ({ path: f.path, size: f.size }), missingBefore);
}

function chooseMedia(req: PickRequest): Promise<PickOutcome> {
  if (typeof wx.chooseMedia !== 'function') return fallbackMedia(req, ['chooseMedia']);
  const options = {
    count: Math.min(req.count, mediaCeiling()),
    mediaType: req.accept === 'media' ? ['image', 'video'] : [req.accept],
    sourceType: ALBUM_AND_CAMERA,
    sizeType: ORIGINAL,
  };
  const read: Reader = (f) => ({ path: f.tempFilePath, size: f.size, thumb: f.thumbTempFilePath });
  return open('chooseMedia', options, read, [], (errMsg) => (!/cancel/i.test(errMsg) && /not support|unsupport|not implemented|no such api/i.test(errMsg) ? fallbackMedia(req, []) : failureOutcome(errMsg)));
}

/** The files the user picked, the user's cancel, or the chooser's failure (privacy, permission…). */
export function pickFiles(req: PickRequest): Promise<PickOutcome> {
  if (req.accept === 'image' || req.accept === 'video' || req.accept === 'media') return chooseMedia(req);
  // 'file' (and any value `accept` does not take) is everything but photos and videos; 'all' lets chat photos and videos through too.
  const type = req.accept === 'all' ? 'all' : 'file';
  const options = {
    count: Math.min(req.count, 100),
    type,
    // The filter only works for type 'file', and not on every client: the component checks again.
    ...(type === 'file' && req.extensions.length ? { extension: req.extensions } : {}),
  };
  return open('chooseMessageFile', options, (f) => ({ path: f.path, name: f.name, size: f.size }));
}
