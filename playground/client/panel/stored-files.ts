/**
 * The emulator's stored objects as host `files` of the page's "Stored files" uploader: by
 * `userResourceName` and `resourceVer`, with no `url`, so playing or previewing one asks the token
 * API for its download URL the way a host's page does (issue 20).
 */
import type { SimComponent } from '../globals';
import type { StoredObject } from '../session';

/** The object key is `res/<11 digits>_<ProductId>_USER_<uid>_RES_<name>_<ver>` (emulator README). */
const KEY = /_USER_[^_]+_RES_(.+)_([^_]+)$/;

/** A shown name with the extension of the stored type, so the row gets its kind (and its control). */
const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

export interface StoredHostFile {
  name: string;
  size: number;
  userResourceName: string;
  resourceVer: string;
}

export function storedHostFiles(objects: StoredObject[]): StoredHostFile[] {
  const out: StoredHostFile[] = [];
  for (const o of objects) {
    const m = KEY.exec(o.key);
    if (!m) continue;
    const ext = EXTENSIONS[o.contentType];
    const name = ext && !m[1].toLowerCase().endsWith('.' + ext) ? `${m[1]}.${ext}` : m[1];
    out.push({ name, size: o.size, userResourceName: m[1], resourceVer: m[2] });
  }
  return out;
}

let shown = '';

/** Gives the page the stored objects as `storedFiles` when they changed. */
export function showStoredFiles(page: SimComponent, objects: StoredObject[]): void {
  const files = storedHostFiles(objects);
  const json = JSON.stringify(files);
  if (json === shown) return;
  shown = json;
  page.instance.setData({ storedFiles: files });
}
