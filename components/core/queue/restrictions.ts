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
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') continue;
    const ext = item.trim().replace(/^\.+/, '').toLowerCase();
    if (ext && out.indexOf(ext) === -1) out.push(ext);
  }
  return out;
}

/** A whole number of files, at least 1; anything odd means SPEC's default of 1. */
export function normalizeMaxCount(value: unknown): number {
  return typeof value === 'number' && isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}

export function normalizeMaxSize(value: unknown): number {
  return typeof value === 'number' && isFinite(value) && value >= 0 ? value : DEFAULTS.maxSize;
}

export function normalizeRestrictions(r: { extension?: unknown; maxSize?: unknown; maxCount?: unknown }): Restrictions {
  return { extensions: normalizeExtensions(r.extension), maxSize: normalizeMaxSize(r.maxSize), maxCount: normalizeMaxCount(r.maxCount) };
}

/** Why one file cannot go, ignoring the count; null when it may. */
export function fileRejectReason(file: PickedFile, r: Restrictions): Exclude<RestrictionReason, 'max-count'> | null {
  if (r.extensions.length && r.extensions.indexOf(extensionOf(file.name)) === -1) return 'extension';
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
