/**
 * What a queue is made with and what it tells: its options, its events, and the small rules
 * derived from upload options (concurrency, steps, the fixed name).
 */
import type { UploadError } from '../errors/upload-error';
import type { UploadPhase, UploadResourceOptions, UploadResult, UploadTask } from '../upload/options';
import type { PlatformLifecycle } from './lifecycle';
import { PHASES } from './file-record';
import type { FileState, QueueFile } from './file-record';

/** `uploadResource` options that are the same for every file of the queue. */
export type QueueUploadOptions = Omit<UploadResourceOptions, 'filePath' | 'name' | 'onProgress'>;

export interface UploadQueueOptions {
  /** Read when each upload starts, so a property changed meanwhile applies to the next file. */
  uploadOptions: () => QueueUploadOptions;
  /** Files uploading at once, 1 to 9 (WeChat allows 10 requests in flight). Default 2. */
  concurrency?: number;
  /** Default `uploadResource`; tests and hosts may wrap it. */
  upload?: (options: UploadResourceOptions) => UploadTask;
  /** The clock of progress throttling; default `Date.now`. */
  now?: () => number;
  /** Least time between two in-phase progress reports of one file; default 250 ms (4 a second). */
  progressIntervalMs?: number;
  /** Prefix of file ids, so two queues on one page never hand out the same id. */
  idPrefix?: string;
  /**
   * App hide/show and network status. With it, files wait while the app is hidden or offline and
   * resume by themselves; its callbacks are registered only while uploads are due.
   */
  lifecycle?: PlatformLifecycle;
}

/** What a batch came to: `complete` carries it. */
export interface BatchSummary {
  succeeded: number;
  failed: number;
}

export interface QueueEvents {
  /** Files entered the list (state `waiting`): added, or candidates accepted. */
  add: { files: QueueFile[] };
  /** One file changed state; everything about the change is already on `file`. */
  state: { file: QueueFile; previous: FileState };
  /** A phase started, or (throttled) moved on within itself. */
  progress: { file: QueueFile; phase: UploadPhase; percent: number };
  success: { file: QueueFile; result: UploadResult };
  /** An upload failed or was aborted (code `Aborted`). */
  fail: { file: QueueFile; error: UploadError };
  /** A record left: a listed file, or a candidate (still in state `candidate`, never announced by `add`). */
  remove: { file: QueueFile };
  /** Every file started since the queue was last idle has settled (removed ones excepted). */
  complete: BatchSummary;
}

export type QueueListener<K extends keyof QueueEvents> = (event: QueueEvents[K]) => void;

/** Files uploading at once: 1 to 9 (WeChat allows 10 requests in flight); 2 for anything unusable. */
export function clampConcurrency(value: unknown): number {
  const n = typeof value === 'number' && isFinite(value) ? Math.floor(value) : 2;
  return Math.min(9, Math.max(1, n));
}

/** The fixed `resourceName` of these options; '' when files go under their MD5. */
export function fixedNameOf(options: Pick<UploadResourceOptions, 'resourceName'>): string {
  return typeof options.resourceName === 'string' ? options.resourceName : '';
}

/** The phases an upload with these options goes through: all of them with a device, registering when asked for. */
export function stepsFor(options: Pick<UploadResourceOptions, 'register' | 'deviceId'>): UploadPhase[] {
  return PHASES.slice(0, options.deviceId ? 5 : options.register ? 4 : 3);
}
