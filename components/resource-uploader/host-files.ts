/**
 * The `files` property: what the host already has (a current ringtone, earlier uploads). Shown as
 * done, counted in `max-count`, removable; never uploaded again. Host data is untrusted: entries
 * without a usable name are left out, a URL of another scheme is never previewed or played, and
 * no more are shown than `max-count` leaves room for.
 */
import { formatBytes, isLoopback, parseUrl } from '../core';
import { kindOf, thumbnailOf } from './preview';
import type { HostFile } from './types';
import { iconFor, RowFace } from './view';
import { isStoredFile } from './stored/stored-files';

import { HOST_ID_PREFIX, hostFileIndex } from './select';

/** One row for a host file: what a chosen file's row shows, and no more. */
export interface HostRow extends RowFace {
  /** Something to preview or play. */
  hasUrl: boolean;
}

/** A usable entry and its slot in the host's array: `host-<index>` keeps naming that slot. */
export interface HostEntry {
  index: number;
  file: HostFile;
}

/** WeChat's local paths (`wxfile://`, `http://tmp/`, `http://usr/`): what the chooser, downloads and saved files are named by. */
const LOCAL_PATH = /^(wxfile:\/\/|http:\/\/(tmp|usr)\/)/;

/**
 * A URL the view may show or play: `https:`, `http:` on a loopback host, or a WeChat local path.
 * Anything else (`javascript:`, `data:`, a plain http host…) is never given to `<image>`, the
 * previewer or the player.
 */
function usableMediaUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  if (LOCAL_PATH.test(value)) return /[\s\\]/.test(value) ? undefined : value;
  const url = parseUrl(value);
  return url && (url.scheme === 'https' || isLoopback(url)) ? value : undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The host's `files` as the component holds them: the usable entries the user has not removed, and
 * what was last reported about the value, so a problem is reported once. `room` is how many of
 * them the list has places for now (`max-count` less the chosen files).
 */
export class HostFileList {
  /** Usable entries, in the host's order; an entry the user removes leaves until the next value. */
  private usableEntries: HostEntry[] = [];
  /** Entries of the value left out: not objects with a non-empty string `name`. */
  private unusableCount = 0;
  /** What was last reported (`<unusable>:<beyond the room>`); '' when nothing was left out. */
  private reportedKey = '';
  /** The value as the host gave it, for the InvalidOption message. */
  value: unknown = [];

  constructor(private readonly room: () => number) {}

  /** A new `files` value: everything shows again. A wrong-typed value shows nothing; a wrong-typed field is dropped: the list never breaks on host data. */
  set(value: unknown): void {
    this.value = value;
    this.usableEntries = [];
    this.unusableCount = 0;
    this.reportedKey = '';
    (Array.isArray(value) ? value : []).forEach((item: unknown, index) => {
      // Anything but an object with a non-empty string `name` (a text, a number, null, an array…) has no such name.
      const f = item as Partial<Record<keyof HostFile, unknown>> | null;
      if (!f || typeof f.name !== 'string' || !f.name) {
        this.unusableCount++;
        return;
      }
      this.usableEntries.push({
        index,
        file: {
          name: f.name,
          size: typeof f.size === 'number' && isFinite(f.size) && f.size >= 0 ? f.size : undefined,
          resourceName: stringOr(f.resourceName),
          url: usableMediaUrl(f.url),
          // stored-files: a file stored by name, opened through a download URL.
          userResourceName: stringOr(f.userResourceName),
          resourceVer: stringOr(f.resourceVer),
        },
      });
    });
  }

  /** Every usable entry at its index in the host's array (holes where entries were left out). */
  byIndex(): HostFile[] {
    const out: HostFile[] = [];
    for (const e of this.usableEntries) out[e.index] = e.file;
    return out;
  }

  /** The entries shown: the first ones in the host's order, as many as there is room for. */
  shown(): HostEntry[] {
    return this.usableEntries.slice(0, Math.max(0, this.room()));
  }

  /** The shown entry a row id (`host-<index>`) names, if any. */
  find(id: string): HostEntry | undefined {
    const index = hostFileIndex(id);
    return this.shown().find((e) => e.index === index);
  }

  /** Hides a shown entry; false when `id` names none. */
  remove(id: string): boolean {
    const entry = this.find(id);
    if (entry) this.usableEntries.splice(this.usableEntries.indexOf(entry), 1);
    return !!entry;
  }

  /**
   * Whether entries are left out (unusable, or beyond the room) in a way not yet reported: true once
   * per value, and again when a new room (a changed `max-count`) leaves out a different number.
   */
  newProblem(): boolean {
    const beyond = this.usableEntries.length - this.shown().length;
    const key = this.unusableCount || beyond ? this.unusableCount + ':' + beyond : '';
    if (key === this.reportedKey) return false;
    this.reportedKey = key;
    return key !== '';
  }

  /** The shown entries as rows. */
  rows(preview: boolean): HostRow[] {
    return this.shown().map(({ index, file: f }) => {
      const kind = kindOf(f.name);
      return {
        id: HOST_ID_PREFIX + index,
        name: f.name,
        sizeText: f.size !== undefined ? formatBytes(f.size) : '',
        icon: iconFor(kind),
        kind,
        thumb: preview ? thumbnailOf(kind, f.url || '') : '',
        hasUrl: !!f.url || isStoredFile(f),
      };
    });
  }
}
