/**
 * The `files` property: what the host already has (a current ringtone, earlier uploads). Shown as
 * done, counted in `max-count`, removable; never uploaded again.
 */
import { formatBytes } from '../core';
import { kindOf, thumbnailOf } from './preview';
import type { HostFile } from './types';
import { iconFor, RowFace } from './view';
import { isStoredFile } from './stored/stored-files';

import { HOST_ID_PREFIX } from './select';

export { HOST_ID_PREFIX };

/** One row for a host file: what a chosen file's row shows, and no more. */
export interface HostRow extends RowFace {
  /** Something to preview or play. */
  hasUrl: boolean;
}

/** A wrong-typed `files` shows nothing, a wrong-typed field is dropped: the list never breaks on host data. */
export function normalizeHostFiles(value: unknown): HostFile[] {
  if (!Array.isArray(value)) return [];
  const out: HostFile[] = [];
  for (const item of value) {
    const f = item as Partial<HostFile> | null;
    const name = f && typeof f === 'object' ? (typeof f.name === 'string' && f.name ? f.name : typeof f.resourceName === 'string' ? f.resourceName : '') : '';
    // Entries keep their index, so `host-<i>` still names the host's own array slot.
    out.push({
      name,
      size: f && typeof f.size === 'number' && isFinite(f.size) && f.size >= 0 ? f.size : undefined,
      resourceName: f && typeof f.resourceName === 'string' ? f.resourceName : undefined,
      url: f && typeof f.url === 'string' ? f.url : undefined,
      // stored-files: a file stored by name, opened through a download URL.
      userResourceName: f && typeof f.userResourceName === 'string' ? f.userResourceName : undefined,
      resourceVer: f && typeof f.resourceVer === 'string' ? f.resourceVer : undefined,
    });
  }
  return out;
}

export function hostRowsOf(files: HostFile[], removed: number[], preview: boolean): HostRow[] {
  const rows: HostRow[] = [];
  files.forEach((f, i) => {
    if (removed.indexOf(i) !== -1) return;
    const kind = kindOf(f.name);
    rows.push({
      id: HOST_ID_PREFIX + i,
      name: f.name,
      sizeText: f.size !== undefined ? formatBytes(f.size) : '',
      icon: iconFor(kind),
      kind,
      thumb: preview && f.url ? thumbnailOf(kind, f.url) : '',
      hasUrl: !!f.url || isStoredFile(f),
    });
  });
  return rows;
}
