/**
 * What the template sees, and the `setData` discipline: changes made in one tick are sent as one
 * call holding only the paths that changed (`files[2].state`), split when it would pass 64 KiB,
 * and nothing once the view is gone.
 */
import { formatBytes, messageFor } from '../core';
import type { UploadPhase } from '../core';
import { isRunning } from '../core';
import type { FileState, QueueFile } from '../core';
import { FileKind, kindOf, thumbnailOf } from './preview';

/** SPEC 0.3: no `setData` call carries more than this (JSON, UTF-8); WeChat warns from 256 KB and slows long before. */
export const MAX_SET_DATA_BYTES = 64 * 1024;

/** The data key of the rows: not `files`, which is a property (one namespace, SPEC 0.2). */
export const ROWS = 'items';

/** What every row of the list shows, a chosen file's or one of the host's `files`. */
export interface RowFace {
  id: string;
  name: string;
  sizeText: string;
  /** vant icon name for the file's kind. */
  icon: string;
  kind: FileKind;
  /** The path or URL an `<image>` shows (images, video covers); '' for an icon. */
  thumb: string;
}

/** One row of the list: names, small numbers and a thumbnail's path; never bytes. */
export interface ViewFile extends RowFace {
  state: FileState;
  /** In flight (a phase running): the spinner, the moving segment and the cancel button. */
  running: boolean;
  /** Index in `steps` of the current (or failed) phase; -1 before the first; `steps.length` when done. */
  step: number;
  steps: UploadPhase[];
  /** The failure, in the component's locale; '' otherwise. */
  message: string;
  /** With `device-id`: what the device said; '' otherwise. */
  delivery: '' | 'delivered' | 'pending';
  /** Progress within the current phase when the platform reports any (WeChat's PUT does not); 0 otherwise. */
  percent: number;
  /** While paused: 'network' or 'background' (the template shows why); '' otherwise. */
  waitingFor: '' | 'network' | 'background';
}

const ICONS: Record<FileKind, string> = { audio: 'music-o', image: 'photo-o', video: 'video-o', file: 'description' };

export function iconFor(kind: FileKind): string {
  return ICONS[kind];
}

function stepOf(file: QueueFile): number {
  if (file.state === 'done') return file.steps.length;
  if (file.state === 'waiting') return -1;
  // A file that failed before its first phase shows the first one as failed.
  return file.phase ? file.steps.indexOf(file.phase) : 0;
}

/** `preview` off: every row shows its icon. `cover`: a video's cover image, when the chooser gave one. */
export function viewOf(file: QueueFile, locale: string, preview: boolean, cover?: string): ViewFile {
  const kind = kindOf(file.name);
  return {
    id: file.id,
    name: file.name,
    sizeText: formatBytes(file.size),
    icon: iconFor(kind),
    kind,
    thumb: preview ? thumbnailOf(kind, file.path, cover) : '',
    state: file.state,
    running: isRunning(file.state),
    step: stepOf(file),
    // A fresh array per upload, never changed in place: the row may share it.
    steps: file.steps,
    // The queue holds an error only while a file is failed or aborted, a result only once it is done.
    message: file.error ? messageFor(file.error.code, locale, file.error.detail) : '',
    delivery: (file.result && file.result.delivery) || '',
    // 0 and 100 only mark a phase's ends, which `step` already shows.
    percent: file.percent > 0 && file.percent < 100 ? Math.round(file.percent) : 0,
    // The record holds a reason only while paused.
    waitingFor: file.waitingFor || '',
  };
}

/** UTF-8 bytes of a text, without TextEncoder (absent from older base libraries). */
function utf8Bytes(text: string): number {
  let n = 0;
  // By code point: a surrogate pair is one character of 4 bytes (a lone surrogate, 3).
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function entryBytes(key: string, value: unknown): number {
  // As one member of an object: "key":value, plus a comma or a brace. (An undefined value, which
  // JSON leaves out, counts as the word: more than it weighs, never less.)
  return utf8Bytes(JSON.stringify(key) + JSON.stringify(value)) + 2;
}

/**
 * One patch as calls of at most `limit` bytes each, in order. An array too big for one call goes
 * as its first elements, then by index (`hostItems[40]`): WeChat applies the calls in order, so the
 * view ends up holding the same data.
 */
export function splitPatch(patch: Record<string, unknown>, limit = MAX_SET_DATA_BYTES): Array<Record<string, unknown>> {
  const calls: Array<Record<string, unknown>> = [];
  let current: Record<string, unknown> = {};
  // Bytes of `current` so far, its opening brace included: past 1, it holds something.
  let used = 1;
  const add = (key: string, value: unknown, size = entryBytes(key, value)): void => {
    if (used + size > limit && used > 1) {
      calls.push(current);
      current = {};
      used = 1;
    }
    current[key] = value;
    used += size;
  };
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const size = entryBytes(key, value);
    if (size + 1 <= limit || !Array.isArray(value)) {
      add(key, value, size);
      continue;
    }
    let head = 0;
    let headSize = entryBytes(key, []);
    while (head < value.length && headSize + entryBytes('', value[head]) + 1 <= limit) headSize += entryBytes('', value[head++]);
    add(key, value.slice(0, head), headSize);
    for (let i = head; i < value.length; i++) add(`${key}[${i}]`, value[i]);
  }
  if (used > 1) calls.push(current);
  return calls;
}

export interface ViewSource {
  /** The files as they are now, in list order. */
  files(): readonly QueueFile[];
  /** A file's row as the view should show it. */
  row(file: QueueFile): ViewFile;
  /** Top-level values derived from the state (summary, counters…), compared by value. */
  top(): Record<string, unknown>;
}

/**
 * Collects what changed and sends it in one `setData` at the end of the tick. Keeps a copy of
 * what the view holds, so each call carries only the differences.
 */
export class ViewSync {
  private sentRows: ViewFile[] = [];
  private topSent: Record<string, string> = {};
  private readonly dirty = new Set<string>();
  private reorder = false;
  private flushDue = false;
  private viewGone = false;

  constructor(
    private readonly viewSource: ViewSource,
    private readonly sendPatch: (patch: Record<string, unknown>) => void,
    private readonly scheduleFlush = (fn: () => void) => void Promise.resolve().then(fn),
    initialTop: Record<string, unknown> = {},
  ) {
    for (const key of Object.keys(initialTop)) this.topSent[key] = JSON.stringify(initialTop[key]);
  }

  /** One file changed. */
  touch(id: string): void {
    this.dirty.add(id);
    this.flushLater();
  }

  /** Every row again (a property that changes how rows look, such as `preview`). */
  touchAll(): void {
    for (const f of this.viewSource.files()) this.dirty.add(f.id);
    this.flushLater();
  }

  /** Files were removed or reordered: the list goes out whole (small: no bytes, no paths). */
  touchList(): void {
    this.reorder = true;
    this.flushLater();
  }

  /** Derived top-level values may have changed. */
  touchTop(): void {
    this.flushLater();
  }

  /** Sends what is pending: the scheduled flush. */
  private flushNow(): void {
    this.flushDue = false;
    if (this.viewGone) return;
    const patch: Record<string, unknown> = {};
    const before = this.sentRows;
    const next = this.viewSource.files().map((f, i) => (this.reorder || this.dirty.has(f.id) || !before[i] || before[i].id !== f.id ? this.viewSource.row(f) : before[i]));
    if (this.reorder || next.length < before.length || before.some((r, i) => next[i].id !== r.id)) {
      patch[ROWS] = next;
    } else {
      next.forEach((row, i) => {
        if (!before[i]) patch[`${ROWS}[${i}]`] = row;
        else if (row !== before[i]) {
          // Only the keys that changed, as `items[i].key` paths (values are texts, numbers and `steps`).
          for (const key of Object.keys(row) as Array<keyof ViewFile>) {
            if (JSON.stringify(row[key]) !== JSON.stringify(before[i][key])) patch[`${ROWS}[${i}].${key}`] = row[key];
          }
        }
      });
    }
    const top = this.viewSource.top();
    for (const key of Object.keys(top)) {
      const json = JSON.stringify(top[key]);
      if (this.topSent[key] !== json) {
        patch[key] = top[key];
        this.topSent[key] = json;
      }
    }
    this.sentRows = next;
    this.dirty.clear();
    this.reorder = false;
    for (const call of splitPatch(patch)) this.sendPatch(call);
  }

  /** The view is gone: nothing more is ever sent. */
  close(): void {
    this.viewGone = true;
    this.dirty.clear();
  }

  private flushLater(): void {
    if (this.flushDue || this.viewGone) return;
    this.flushDue = true;
    this.scheduleFlush(() => this.flushNow());
  }
}
