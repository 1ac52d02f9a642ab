/**
 * An Uppy-like queue of uploads, free of UI: each file is one record (file-record.ts) walking
 * [candidate →] waiting → hashing → signing → uploading → registering → delivering → done | failed | aborted,
 * at most `concurrency` at a time, each through `uploadResource`. The component renders its
 * events; hosts with their own interface can drive it directly. Candidates (files a host is still
 * deciding on) are records too: they hold their place and their name, and `remove`/`clear` drop them.
 */
import { UploadError } from '../errors/upload-error';
import { LifecycleMonitor, LifecycleStamp, WaitReason } from './lifecycle';
import type { UploadPhase, UploadResourceOptions, UploadTask } from '../upload/options';
import type { PickedFile } from './restrictions';
import { defaultPlatform, uploadResource } from '../upload/upload-resource';
import { waitsInsteadOfFailing } from './upload-waits';
import { gatePlatform } from './lifecycle-gate';
import type { Platform } from '../platform';
import { FileState, isListed, isRunning, isSettled, newRecord, QueueFile, transition } from './file-record';
import { BatchSummary, clampConcurrency, fixedNameOf, QueueEvents, QueueListener, stepsFor, UploadQueueOptions } from './queue-options';

export type { FileState, QueueFile } from './file-record';
export { canTransition, isListed, isRunning, isSettled, transition } from './file-record';

export * from './queue-options';

interface Running {
  task: UploadTask;
  /** When its last progress report went out: moves within a phase are throttled. */
  reported: number;
  /** The life cycle when it started: a failure after a hide or a network loss waits instead. */
  started: LifecycleStamp;
}

export class UploadQueue {
  private readonly list: QueueFile[] = [];
  private listeners: { [K in keyof QueueEvents]?: Array<QueueListener<K>> } = {};
  /** Files told to upload and not yet started, in order. */
  private readonly pending: QueueFile[] = [];
  private readonly running = new Map<QueueFile, Running>();
  /**
   * The batch: files told to upload since the queue was last idle. Those still to settle are the
   * pending and running ones; `complete` is emitted once per batch, when none is left, and `tally`
   * stays readable after (`batchStatus`).
   */
  private batchOpen = false;
  private tally: BatchSummary = { succeeded: 0, failed: 0 };
  private concurrency: number;
  private nextId = 1;
  private destroyed = false;
  private readonly upload: (options: UploadResourceOptions) => UploadTask;
  private readonly now: () => number;
  /** Least time between two in-phase progress reports of one file. */
  private readonly interval: number;
  private readonly lifecycle: LifecycleMonitor;
  /** Releases the life-cycle listeners; set while a batch is open. */
  private releaseLifecycle: (() => void) | null = null;
  private gated: { from: Platform; to: Platform } | null = null;

  constructor(private readonly options: UploadQueueOptions) {
    this.concurrency = clampConcurrency(options.concurrency);
    this.upload = options.upload || uploadResource;
    this.now = options.now || Date.now;
    this.interval = typeof options.progressIntervalMs === 'number' ? Math.max(0, options.progressIntervalMs) : 250;
    this.lifecycle = new LifecycleMonitor(options.lifecycle);
    // Files wait while the app is hidden or offline, and resume by themselves.
    this.lifecycle.onChange(() => {
      if (this.destroyed) return;
      this.showHolds();
      this.pump();
    });
  }

  /** Listens to one event; returns the unsubscribe. A listener that throws never wedges the queue. */
  on<K extends keyof QueueEvents>(event: K, fn: QueueListener<K>): () => void {
    const list: Array<QueueListener<K>> = this.listeners[event] || (this.listeners[event] = []);
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i !== -1) list.splice(i, 1);
    };
  }

  /** The files of the list, in order: candidates are not in it yet. */
  get files(): readonly QueueFile[] {
    return this.list.filter((f) => isListed(f.state));
  }

  /** Every record, candidates included: what holds a place in the list. */
  get records(): readonly QueueFile[] {
    return this.list;
  }

  /** A file of the list (not a candidate). */
  get(id: string): QueueFile | undefined {
    return this.list.find((f) => f.id === id && isListed(f.state));
  }

  /** Any record, candidates included. */
  record(id: string): QueueFile | undefined {
    return this.list.find((f) => f.id === id);
  }

  /** The current batch, or the last one once it settled: files in it and files settled. */
  get batchStatus(): { total: number; settled: number; open: boolean } {
    const settled = this.tally.succeeded + this.tally.failed;
    return { total: settled + this.pending.length + this.running.size, settled, open: this.batchOpen };
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
    return this.accept(this.propose(inputs).map((f) => f.id), start);
  }

  /**
   * Records files a host is still deciding on (state `candidate`): no `add` event, not in `files`,
   * but they hold their place (`records`) and the fixed resource name until accepted or dropped.
   */
  propose(inputs: Array<PickedFile & { id?: string }>): QueueFile[] {
    if (this.destroyed) return [];
    return inputs.map((input) => {
      // The component hands out ids before adding (its before-upload event shows them).
      const file = newRecord(input.id || (this.options.idPrefix || 'file-') + this.nextId++, input);
      this.list.push(file);
      return file;
    });
  }

  /**
   * Candidates enter the list (state `waiting`, one `add` event); ids no longer held as candidates
   * (removed, cleared, already accepted) are skipped. `start: true` also queues them for upload.
   */
  accept(ids: string[], start = false): QueueFile[] {
    if (this.destroyed) return [];
    const added: QueueFile[] = [];
    for (const id of ids) {
      const file = this.candidate(id);
      if (!file) continue;
      transition(file, 'waiting');
      added.push(file);
    }
    if (added.length) this.emit('add', { files: added });
    if (start) this.enqueue(added);
    return added;
  }

  /** Drops candidates (the host said no): gone without a trace, a `remove` event aside. */
  drop(ids: string[]): void {
    for (const id of ids) if (this.candidate(id)) this.remove(id);
  }

  /**
   * Whether a fixed resource name is taken in this list: used by every file that has not failed or
   * been cancelled (a waiting file by the name it would upload under now), `exceptId` aside. The
   * component refuses a choice with reject reason 'resource-name' when this says so.
   */
  isResourceNameUsed(name: string, exceptId?: string): boolean {
    if (!name) return false;
    const current = fixedNameOf(this.options.uploadOptions());
    // A file paused before its start (the app hidden or offline) would upload under the current name
    // too, and so would a candidate once accepted: it holds the name while the host decides.
    const notStarted = (f: QueueFile) => f.state === 'candidate' || f.state === 'waiting' || (f.state === 'paused' && !this.running.has(f));
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
    const files = this.list.filter((f) => (id === undefined ? f.state === 'failed' : f.id === id && (f.state === 'failed' || f.state === 'aborted')));
    for (const file of files) {
      file.error = null;
      this.setState(file, 'waiting');
    }
    this.enqueue(files);
    return files;
  }

  /** Stops one file (or all unsettled ones): state `aborted` and a `fail` event with code `Aborted`. */
  abort(id?: string): void {
    const files = this.list.filter((f) => (id === undefined || f.id === id) && isListed(f.state) && !isSettled(f.state));
    for (const file of files) {
      const inBatch = this.stop(file);
      // A listener of an earlier file's `fail` may have settled it meanwhile.
      if (!isSettled(file.state)) this.settle(file, UploadError.of('Aborted'), inBatch);
    }
    this.pump();
  }

  /** Takes a file (or a candidate) out, stopping it first (so its batch forgets it). */
  remove(id: string): boolean {
    const file = this.record(id);
    if (!file) return false;
    this.stop(file);
    this.list.splice(this.list.indexOf(file), 1);
    this.emit('remove', { file });
    this.pump();
    return true;
  }

  /** Removes every file and candidate (stopping those in flight). */
  clear(): void {
    for (const file of this.list.slice()) this.remove(file.id);
  }

  /** The owner is gone: stop everything in flight and never emit again. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.listeners = {};
    for (const file of this.list) this.stop(file);
    this.stopListening();
  }

  private candidate(id: string): QueueFile | undefined {
    return this.list.find((f) => f.id === id && f.state === 'candidate');
  }

  private enqueue(files: QueueFile[]): void {
    if (this.destroyed) return;
    for (const file of files) {
      if (file.state !== 'waiting' || this.running.has(file) || this.pending.includes(file)) continue;
      this.pending.push(file);
      // The first file opens a new batch.
      if (!this.batchOpen) {
        this.batchOpen = true;
        this.tally = { succeeded: 0, failed: 0 };
      }
    }
    if (this.batchOpen && !this.releaseLifecycle) this.releaseLifecycle = this.lifecycle.hold();
    this.showHolds();
    this.pump();
  }

  /** Starts what may start; once nothing of the batch is left, closes it with one `complete`. */
  private pump(): void {
    while (!this.destroyed && !this.lifecycle.blocker && this.running.size < this.concurrency && this.pending.length) {
      this.begin(this.pending.shift()!);
    }
    if (!this.batchOpen || this.running.size || this.pending.length) return;
    this.batchOpen = false;
    // The last upload settled: nothing is due, so nothing needs to hear about the app or the network.
    this.stopListening();
    // A batch whose every file was removed has nothing to report.
    const { succeeded, failed } = this.tally;
    if (succeeded || failed) this.emit('complete', { succeeded, failed });
  }

  // ——— the life cycle: files wait while the app is hidden or offline, and resume by themselves ———

  /**
   * Due and running files show why they wait, or go back to what they were doing once nothing
   * holds them: due ones to `waiting`, running ones (whose requests wait in the gate) to their phase.
   */
  private showHolds(): void {
    const reason = this.lifecycle.blocker;
    for (const file of this.list) {
      const running = this.running.has(file);
      if (!running && !this.pending.includes(file)) continue;
      const state: FileState = reason ? 'paused' : running ? file.phase || 'hashing' : 'waiting';
      const previous = transition(file, state, reason);
      // Also when only the reason changed (background → network): the view shows it.
      if (previous !== null) this.emit('state', { file, previous });
    }
  }

  /** The platform of an upload, its requests gated by the life cycle (one wrapper per platform). */
  private platformFor(given: Platform | undefined): Platform | undefined {
    const platform = this.options.lifecycle && (given || defaultPlatform());
    if (!platform) return given;
    if (!this.gated || this.gated.from !== platform) this.gated = { from: platform, to: gatePlatform(platform, this.lifecycle) };
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
    if (file.resourceName && this.list.some((g) => g !== file && (this.running.has(g) || isRunning(g.state) || g.state === 'done') && g.resourceName === file.resourceName)) {
      // `pump`, which began it, goes on with the next one.
      this.settle(file, UploadError.of('ResourceNameInUse'));
      return;
    }
    const running: Running = { task: undefined as unknown as UploadTask, reported: 0, started: this.lifecycle.stamp() };
    const current = () => this.running.get(file) === running;
    // Registered before the upload starts: the core reports its first phase synchronously.
    this.running.set(file, running);
    running.task = this.upload({
      ...base,
      platform: this.platformFor(base.platform),
      filePath: file.path,
      name: file.name,
      onProgress: (p) => {
        if (current()) this.progress(file, running, p.phase, p.percent);
      },
    });
    running.task.then(
      (result) => {
        if (!current()) return;
        this.running.delete(file);
        file.result = result;
        this.settle(file, null);
        this.pump();
      },
      (err: unknown) => {
        if (!current()) return;
        // Anything but an UploadError is a bug; the file still fails visibly instead of hanging.
        const error = err instanceof UploadError ? err : UploadError.of('ClientError');
        const waits = waitsInsteadOfFailing(error, this.lifecycle, running.started);
        this.running.delete(file);
        if (waits) {
          // Back among the due ones, in list order (before younger files), uncounted.
          file.attempts--;
          file.error = null;
          const at = this.pending.findIndex((f) => this.list.indexOf(f) > this.list.indexOf(file));
          this.pending.splice(at === -1 ? this.pending.length : at, 0, file);
          this.showHolds();
        } else this.settle(file, error);
        this.pump();
      },
    );
  }

  /** Phase changes always pass (they are state changes); moves within a phase at most every `interval`. */
  private progress(file: QueueFile, running: Running, phase: UploadPhase, percent: number): void {
    const now = this.now();
    const samePhase = phase === file.phase;
    // The end of a phase is reported with the next phase's start (or the result): dropping it loses nothing.
    if (samePhase && (percent === file.percent || now - running.reported < this.interval)) return;
    file.phase = phase;
    file.percent = percent;
    running.reported = now;
    // While held back the file stays `paused`; it shows the phase again when released.
    if (!samePhase && !this.lifecycle.blocker) this.setState(file, phase);
    this.emit('progress', { file, phase, percent });
  }

  /** Takes a file out of the line and stops its upload, if any; whether it was in the batch (pending or running). */
  private stop(file: QueueFile): boolean {
    const i = this.pending.indexOf(file);
    if (i !== -1) this.pending.splice(i, 1);
    const running = this.running.get(file);
    this.running.delete(file);
    if (running) running.task.abort();
    return i !== -1 || !!running;
  }

  /**
   * The one way a file settles: stored (no error), or failed, or aborted (code `Aborted`). Counted
   * when it was in the batch: every upload that ran or was due, not a file aborted before it was told to upload.
   */
  private settle(file: QueueFile, error: UploadError | null, inBatch = true): void {
    file.error = error;
    if (inBatch) this.tally[error ? 'failed' : 'succeeded']++;
    this.setState(file, !error ? 'done' : error.code === 'Aborted' ? 'aborted' : 'failed');
    if (error) this.emit('fail', { file, error });
    else this.emit('success', { file, result: file.result! });
  }

  private setState(file: QueueFile, state: FileState): void {
    // A paused file keeps its reason (any other state has none), so staying put is no change.
    const previous = transition(file, state, file.waitingFor);
    if (previous !== null) this.emit('state', { file, previous });
  }

  private emit<K extends keyof QueueEvents>(event: K, payload: QueueEvents[K]): void {
    if (this.destroyed) return;
    for (const fn of (this.listeners[event] || []).slice()) {
      try {
        fn(payload);
      } catch (err) {
        // A listener's bug must not wedge the queue; the message is the listener's own, never a secret of ours.
        console.error(err);
      }
    }
  }
}
