/**
 * An Uppy-like queue of uploads, free of UI: each file walks
 * waiting → hashing → signing → uploading → registering → delivering → done | failed | aborted,
 * at most `concurrency` at a time, each through `uploadResource`. The component renders its
 * events; hosts with their own interface can drive it directly.
 */
import { UploadError } from '../errors/upload-error';
import { LifecycleMonitor, LifecycleStamp, WaitReason } from './lifecycle';
import type { UploadPhase, UploadResourceOptions, UploadResult, UploadTask } from '../upload/options';
import type { PlatformLifecycle } from './lifecycle';
import type { PickedFile } from './restrictions';
import { defaultPlatform, uploadResource } from '../upload/upload-resource';
import { insertInOrder, waitsInsteadOfFailing } from './upload-waits';
import { gatePlatform } from './lifecycle-gate';
import type { Platform } from '../platform';

/** `paused`: due to run, held back by the life cycle (`waitingFor` says why); it resumes by itself. */
export type FileState = 'waiting' | 'paused' | UploadPhase | 'done' | 'failed' | 'aborted';

const RUNNING: FileState[] = ['hashing', 'signing', 'uploading', 'registering', 'delivering'];

export function isRunning(state: FileState): boolean {
  return RUNNING.indexOf(state) !== -1;
}

export function isSettled(state: FileState): boolean {
  return state === 'done' || state === 'failed' || state === 'aborted';
}

/** A file in the queue. The queue owns it; listeners read it, never write it. */
export interface QueueFile extends PickedFile {
  readonly id: string;
  state: FileState;
  /** The phase reached last: where a failed file stopped. null until its first upload starts. */
  phase: UploadPhase | null;
  /** Percent within `phase`, as the core reported it (0 at a phase's start, 100 at its end). */
  percent: number;
  /** The phases of its current or last upload, fixed when that upload starts. */
  steps: UploadPhase[];
  result: UploadResult | null;
  error: UploadError | null;
  /** Uploads started for this file (1 + retries); a start cut by the life cycle does not count. */
  attempts: number;
  /** While `paused`: the app is in the background, or the phone has no network. null otherwise. */
  waitingFor: WaitReason | null;
  /** The fixed resource name its current or last upload used; '' for the MD5 default. */
  resourceName: string;
}

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

export interface BatchSummary {
  succeeded: number;
  failed: number;
}

export interface QueueEvents {
  /** Files entered the queue (state `waiting`). */
  add: { files: QueueFile[] };
  /** One file changed state; everything about the change is already on `file`. */
  state: { file: QueueFile; previous: FileState };
  /** A phase started, or (throttled) moved on within itself. */
  progress: { file: QueueFile; phase: UploadPhase; percent: number };
  success: { file: QueueFile; result: UploadResult };
  /** An upload failed or was aborted (code `Aborted`). */
  fail: { file: QueueFile; error: UploadError };
  remove: { file: QueueFile };
  /** Every file started since the queue was last idle has settled (removed ones excepted). */
  complete: BatchSummary;
}

type Listener<K extends keyof QueueEvents> = (event: QueueEvents[K]) => void;
type ListenerTable = { [K in keyof QueueEvents]: Array<Listener<K>> };

export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 9;

export function clampConcurrency(value: unknown): number {
  const n = typeof value === 'number' && isFinite(value) ? Math.floor(value) : 2;
  return Math.min(MAX_CONCURRENCY, Math.max(MIN_CONCURRENCY, n));
}

/** The fixed `resourceName` of these options; '' when files go under their MD5. */
function fixedNameOf(options: Pick<UploadResourceOptions, 'resourceName'>): string {
  return typeof options.resourceName === 'string' ? options.resourceName : '';
}

/** The phases an upload with these options goes through. */
export function stepsFor(options: Pick<UploadResourceOptions, 'register' | 'deviceId'>): UploadPhase[] {
  const steps: UploadPhase[] = ['hashing', 'signing', 'uploading'];
  if (options.register || options.deviceId) steps.push('registering');
  if (options.deviceId) steps.push('delivering');
  return steps;
}

interface Running {
  task: UploadTask;
  /** When in-phase progress was last reported, for throttling. */
  lastReport: number;
  /** The life cycle when it started: a failure after a hide or a network loss waits instead. */
  started: LifecycleStamp;
}

export class UploadQueue {
  private readonly list: QueueFile[] = [];
  private readonly listeners: ListenerTable = { add: [], state: [], progress: [], success: [], fail: [], remove: [], complete: [] };
  /** Files told to upload and not yet started, in order. */
  private readonly pending: QueueFile[] = [];
  private readonly running = new Map<string, Running>();
  /** Files of the current batch still to settle, and what the settled ones came to. */
  private readonly batch = new Set<string>();
  private tally: BatchSummary = { succeeded: 0, failed: 0 };
  /** A batch has started and its `complete` is not yet emitted. */
  private open = false;
  private concurrency: number;
  private nextId = 1;
  private destroyed = false;
  private readonly upload: (options: UploadResourceOptions) => UploadTask;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly idPrefix: string;
  private readonly lifecycle: LifecycleMonitor;
  /** Releases the life-cycle listeners; set while a batch is open. */
  private releaseLifecycle: (() => void) | null = null;
  private gated: { from: Platform; to: Platform } | null = null;

  constructor(private readonly options: UploadQueueOptions) {
    this.concurrency = clampConcurrency(options.concurrency);
    this.upload = options.upload || uploadResource;
    this.now = options.now || Date.now;
    this.interval = typeof options.progressIntervalMs === 'number' ? Math.max(0, options.progressIntervalMs) : 250;
    this.idPrefix = options.idPrefix || 'file-';
    this.lifecycle = new LifecycleMonitor(options.lifecycle);
    this.lifecycle.onChange(() => this.lifecycleChanged());
  }

  on<K extends keyof QueueEvents>(event: K, fn: Listener<K>): () => void {
    const list = this.listeners[event] as Array<Listener<K>>;
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i !== -1) list.splice(i, 1);
    };
  }

  get files(): readonly QueueFile[] {
    return this.list;
  }

  get(id: string): QueueFile | undefined {
    for (const file of this.list) if (file.id === id) return file;
    return undefined;
  }

  indexOf(id: string): number {
    for (let i = 0; i < this.list.length; i++) if (this.list[i].id === id) return i;
    return -1;
  }

  /** The current batch, or the last one once it settled: files in it and files settled. */
  get batchStatus(): { total: number; settled: number; open: boolean } {
    const settled = this.tally.succeeded + this.tally.failed;
    return { total: settled + this.batch.size, settled, open: this.open };
  }

  /** Files uploading right now. */
  get active(): number {
    return this.running.size;
  }

  /** Why due files wait right now ('network', 'background'), or null. */
  get blockedBy(): WaitReason | null {
    return this.lifecycle.blocker;
  }

  /** The platform's life-cycle callbacks are registered (only while uploads are due). */
  get listening(): boolean {
    return this.lifecycle.listening;
  }

  setConcurrency(value: unknown): void {
    this.concurrency = clampConcurrency(value);
    this.pump();
  }

  /** Adds files in state `waiting`; `start: true` also queues them for upload. */
  add(inputs: Array<PickedFile & { id?: string }>, start = false): QueueFile[] {
    if (this.destroyed) return [];
    const added = inputs.map((input) => {
      const file: QueueFile = {
        // The component hands out ids before adding (its before-upload event shows them).
        id: input.id || this.idPrefix + this.nextId++,
        path: input.path,
        name: input.name,
        size: input.size,
        state: 'waiting',
        phase: null,
        percent: 0,
        steps: [],
        result: null,
        error: null,
        attempts: 0,
        waitingFor: null,
        resourceName: '',
      };
      this.list.push(file);
      return file;
    });
    if (added.length) this.emit('add', { files: added });
    if (start) this.enqueue(added);
    return added;
  }

  /**
   * Whether a fixed resource name is taken in this list: used by every file that has not failed or
   * been cancelled (a waiting file by the name it would upload under now), `exceptId` aside. The
   * component refuses a choice with reject reason 'resource-name' when this says so.
   */
  isResourceNameUsed(name: string, exceptId?: string): boolean {
    if (!name) return false;
    const current = fixedNameOf(this.options.uploadOptions());
    // A file paused before its start (the app hidden or offline) would upload under the current name too.
    const notStarted = (f: QueueFile) => f.state === 'waiting' || (f.state === 'paused' && !this.running.has(f.id));
    return this.list.some((f) => f.id !== exceptId && f.state !== 'failed' && f.state !== 'aborted' && (notStarted(f) ? current : f.resourceName) === name);
  }

  /** Starts every waiting file (the component's `upload()`). */
  start(): void {
    this.enqueue(this.list.filter((f) => f.state === 'waiting'));
  }

  /**
   * Uploads again: one failed or aborted file by id, or every failed file without one
   * (a file the user cancelled stays cancelled unless asked for by name).
   */
  retry(id?: string): QueueFile[] {
    const files = id === undefined ? this.list.filter((f) => f.state === 'failed') : this.list.filter((f) => f.id === id && (f.state === 'failed' || f.state === 'aborted'));
    for (const file of files) {
      file.error = null;
      this.setState(file, 'waiting');
    }
    this.enqueue(files);
    return files;
  }

  /** Stops one file (or all unsettled ones): state `aborted` and a `fail` event with code `Aborted`. */
  abort(id?: string): void {
    const files = this.list.filter((f) => (id === undefined || f.id === id) && !isSettled(f.state));
    for (const file of files) this.stop(file, true);
    this.pump();
    this.maybeComplete();
  }

  /** Takes a file out of the list, stopping it first; its batch forgets it. */
  remove(id: string): boolean {
    const i = this.indexOf(id);
    if (i === -1) return false;
    const file = this.list[i];
    this.stop(file, false);
    this.list.splice(i, 1);
    this.batch.delete(file.id);
    this.emit('remove', { file });
    this.pump();
    this.maybeComplete();
    return true;
  }

  /** Removes every file (stopping those in flight). */
  clear(): void {
    for (const file of this.list.slice()) this.remove(file.id);
  }

  /** The owner is gone: stop everything in flight and never emit again. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const list of Object.keys(this.listeners) as Array<keyof QueueEvents>) this.listeners[list].length = 0;
    this.pending.length = 0;
    const running = Array.from(this.running.values());
    this.running.clear();
    for (const r of running) r.task.abort();
    this.stopListening();
  }

  private enqueue(files: QueueFile[]): void {
    if (this.destroyed) return;
    for (const file of files) {
      if (file.state !== 'waiting' || this.pending.indexOf(file) !== -1) continue;
      this.pending.push(file);
      if (!this.open) {
        this.open = true;
        this.tally = { succeeded: 0, failed: 0 };
      }
      this.batch.add(file.id);
    }
    if (this.open && !this.releaseLifecycle) this.releaseLifecycle = this.lifecycle.hold();
    this.showHolds();
    this.pump();
  }

  private pump(): void {
    while (!this.destroyed && !this.lifecycle.blocker && this.running.size < this.concurrency && this.pending.length) {
      this.begin(this.pending.shift()!);
    }
  }

  // ——— the life cycle: files wait while the app is hidden or offline, and resume by themselves ———

  private lifecycleChanged(): void {
    if (this.destroyed) return;
    this.showHolds();
    this.pump();
  }

  /**
   * Due and running files show why they wait, or go back to what they were doing once nothing
   * holds them: due ones to `waiting`, running ones (whose requests wait in the gate) to their phase.
   */
  private showHolds(): void {
    const reason = this.lifecycle.blocker;
    for (const file of this.list) {
      const running = this.running.has(file.id);
      if (!running && this.pending.indexOf(file) === -1) continue;
      const state: FileState = reason ? 'paused' : running ? file.phase || 'hashing' : 'waiting';
      if (file.state === state && file.waitingFor === reason) continue;
      const previous = file.state;
      file.waitingFor = reason;
      file.state = state;
      // Also when only the reason changed (background → network): the view shows it.
      this.emit('state', { file, previous });
    }
  }

  /** An upload that still failed as Interrupted goes back among the due ones, in list order, uncounted. */
  private requeue(file: QueueFile): void {
    this.running.delete(file.id);
    file.attempts = Math.max(0, file.attempts - 1);
    file.error = null;
    insertInOrder(this.pending, file, (f) => this.list.indexOf(f));
    this.showHolds();
  }

  /** The platform of an upload, its requests gated by the life cycle (one wrapper per platform). */
  private platformFor(given: Platform | undefined): Platform | undefined {
    if (!this.options.lifecycle) return given;
    const platform = given || defaultPlatform() || undefined;
    if (!platform) return given;
    if (this.gated && this.gated.from === platform) return this.gated.to;
    this.gated = { from: platform, to: gatePlatform(platform, this.lifecycle) };
    return this.gated.to;
  }

  private stopListening(): void {
    const release = this.releaseLifecycle;
    this.releaseLifecycle = null;
    if (release) release();
  }

  private begin(file: QueueFile): void {
    const base = this.options.uploadOptions();
    file.attempts++;
    file.steps = stepsFor(base);
    file.phase = null;
    file.percent = 0;
    file.result = null;
    file.resourceName = fixedNameOf(base);
    // Two files are never stored under one name: one already uploading (paused included) or stored under it keeps it.
    if (file.resourceName && this.list.some((g) => g !== file && (this.running.has(g.id) || isRunning(g.state) || g.state === 'done') && g.resourceName === file.resourceName)) {
      this.refuse(file, UploadError.of('ResourceNameInUse'));
      return;
    }
    const running: Running = { task: undefined as unknown as UploadTask, lastReport: -Infinity, started: this.lifecycle.stamp() };
    // Registered before the upload starts: the core reports its first phase synchronously.
    this.running.set(file.id, running);
    const task = this.upload({
      ...base,
      platform: this.platformFor(base.platform),
      filePath: file.path,
      name: file.name,
      onProgress: (p) => {
        if (this.running.get(file.id) === running) this.progress(file, running, p.phase, p.percent);
      },
    });
    running.task = task;
    task.then(
      (result) => {
        if (this.running.get(file.id) !== running) return;
        this.running.delete(file.id);
        file.result = result;
        this.settle(file, 'done');
        this.emit('success', { file, result });
        this.afterSettle();
      },
      (err: unknown) => {
        if (this.running.get(file.id) !== running) return;
        // Anything but an UploadError is a bug; the file still fails visibly instead of hanging.
        const error = err instanceof UploadError ? err : UploadError.of('ClientError');
        if (waitsInsteadOfFailing(error, this.lifecycle, running.started)) {
          this.requeue(file);
          this.pump();
          return;
        }
        this.running.delete(file.id);
        file.error = error;
        this.settle(file, error.code === 'Aborted' ? 'aborted' : 'failed');
        this.emit('fail', { file, error });
        this.afterSettle();
      },
    );
  }

  /** Fails a file that never started an upload. */
  private refuse(file: QueueFile, error: UploadError): void {
    file.error = error;
    this.settle(file, 'failed');
    this.emit('fail', { file, error });
    this.afterSettle();
  }

  /** Phase changes always pass (they are state changes); moves within a phase at most every `interval`. */
  private progress(file: QueueFile, running: Running, phase: UploadPhase, percent: number): void {
    if (phase !== file.phase) {
      file.phase = phase;
      file.percent = percent;
      running.lastReport = this.now();
      // While held back the file stays `paused`; it shows the phase again when released.
      if (!this.lifecycle.blocker) this.setState(file, phase);
      this.emit('progress', { file, phase, percent });
      return;
    }
    if (percent === file.percent) return;
    const now = this.now();
    // The end of a phase is reported with the next phase's start (or the result): dropping it loses nothing.
    if (now - running.lastReport < this.interval) return;
    running.lastReport = now;
    file.percent = percent;
    this.emit('progress', { file, phase, percent });
  }

  /** Stops a file; `report` says whether it becomes `aborted` with a `fail` event, or just goes. */
  private stop(file: QueueFile, report: boolean): void {
    const i = this.pending.indexOf(file);
    if (i !== -1) this.pending.splice(i, 1);
    const running = this.running.get(file.id);
    this.running.delete(file.id);
    if (running) running.task.abort();
    if (!report || isSettled(file.state)) return;
    const inBatch = this.batch.has(file.id);
    const error = UploadError.of('Aborted');
    file.error = error;
    if (inBatch) this.settle(file, 'aborted');
    else this.setState(file, 'aborted');
    this.emit('fail', { file, error });
  }

  private settle(file: QueueFile, state: 'done' | 'failed' | 'aborted'): void {
    if (this.batch.delete(file.id)) {
      if (state === 'done') this.tally.succeeded++;
      else this.tally.failed++;
    }
    this.setState(file, state);
  }

  private afterSettle(): void {
    this.pump();
    this.maybeComplete();
  }

  private maybeComplete(): void {
    if (!this.open || this.batch.size || this.running.size || this.pending.length) return;
    this.open = false;
    // The last upload settled: nothing is due, so nothing needs to hear about the app or the network.
    this.stopListening();
    // A batch whose every file was removed has nothing to report.
    if (this.tally.succeeded || this.tally.failed) this.emit('complete', { succeeded: this.tally.succeeded, failed: this.tally.failed });
  }

  private setState(file: QueueFile, state: FileState): void {
    const previous = file.state;
    if (state !== 'paused') file.waitingFor = null;
    if (previous === state) return;
    file.state = state;
    this.emit('state', { file, previous });
  }

  private emit<K extends keyof QueueEvents>(event: K, payload: QueueEvents[K]): void {
    if (this.destroyed) return;
    for (const fn of (this.listeners[event] as Array<Listener<K>>).slice()) {
      try {
        fn(payload);
      } catch (err) {
        // A listener's bug must not wedge the queue; the message is the listener's own, never a secret of ours.
        if (typeof console !== 'undefined') console.error(err);
      }
    }
  }
}
