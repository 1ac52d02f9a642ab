/**
 * What a chosen file must satisfy before anything is sent: extension, size bounds and how many
 * files one choice may hold. Pure; the component reports each refusal as a `reject` event.
 */
import { DEFAULTS } from '../upload/options';
import { extensionOf } from '../upload/mime';

/** A file as a chooser hands it over: a local path, a shown name and its byte count. */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

export interface Restrictions {
  /** Allowed extensions, lower-case, without the dot; empty: any. */
  extensions: string[];
  maxSize: number;
  maxCount: number;
}

/** Why the restrictions refuse a file (the component adds reasons only a list has). */
export type RestrictionReason = 'max-size' | 'min-size' | 'extension' | 'max-count';

/** A refused file; the component words it when it reports it. */
export interface Rejection {
  name: string;
  size: number;
  reason: RestrictionReason;
}

export interface Screened<T extends PickedFile> {
  accepted: T[];
  rejected: Rejection[];
}

/** `['.MP3', 'wav', '', 'mp3']` → `['mp3', 'wav']`: hosts write extensions in every style. */
export function normalizeExtensions(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const exts = value.filter((item): item is string => typeof item === 'string').map((item) => item.trim().replace(/^\.+/, '').toLowerCase());
  return exts.filter((ext, i) => ext && exts.indexOf(ext) === i);
}

/**
 * Anything odd means the default: for `maxCount` SPEC's 1 (else a whole number of files, at least 1),
 * for `maxSize` the upload's own limit (else a non-negative number of bytes).
 */
export function normalizeRestrictions(r: { extension?: unknown; maxSize?: unknown; maxCount?: unknown }): Restrictions {
  const usable = (n: unknown, least: number): n is number => typeof n === 'number' && isFinite(n) && n >= least;
  return {
    extensions: normalizeExtensions(r.extension),
    maxSize: usable(r.maxSize, 0) ? r.maxSize : DEFAULTS.maxSize,
    maxCount: usable(r.maxCount, 1) ? Math.floor(r.maxCount) : 1,
  };
}

/** Why one file cannot go, ignoring the count; null when it may. */
export function fileRejectReason(file: PickedFile, r: Restrictions): Exclude<RestrictionReason, 'max-count'> | null {
  if (r.extensions.length && !r.extensions.includes(extensionOf(file.name))) return 'extension';
  if (file.size === 0) return 'min-size';
  if (file.size > r.maxSize) return 'max-size';
  return null;
}

/**
 * Splits one choice into what may be uploaded and what is refused, in the order chosen.
 * The count limit applies to acceptable files only: a refused file takes no place.
 */
export function screenFiles<T extends PickedFile>(files: T[], r: Restrictions): Screened<T> {
  const accepted: T[] = [];
  const rejected: Rejection[] = [];
  for (const file of files) {
    const reason: RestrictionReason | null = fileRejectReason(file, r) || (accepted.length >= r.maxCount ? 'max-count' : null);
    if (reason) rejected.push({ name: file.name, size: file.size, reason });
    else accepted.push(file);
  }
  return { accepted, rejected };
}
