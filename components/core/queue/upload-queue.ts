/**
 * An Uppy-like queue of uploads, free of UI: each file is one record (file-record.ts) walking
 * [candidate →] waiting → hashing → signing → uploading → registering → delivering → done | failed | aborted,
 * at most `concurrency` at a time, each through `uploadResource`. The component renders its
 * events; hosts with their own interface can drive it directly. Candidates (files a host is still
 * deciding on) are records too: they hold their place and their name, and `remove`/`clear` drop them.
 */
import { listen, removeFrom } from '../listeners';
import { uploadAborted, UploadError } from '../errors/upload-error';
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
  private readonly allRecords: QueueFile[] = [];
  private eventListeners: { [K in keyof QueueEvents]?: Array<QueueListener<K>> } = {};
  /** Files told to upload and not yet started, in order. */
  private readonly dueFiles: QueueFile[] = [];
  private readonly inFlight = new Map<QueueFile, Running>();
  /**
   * The batch: files told to upload since the queue was last idle. Those still to settle are the
   * pending and running ones; `complete` is emitted once per batch, when none is left, and the tally
   * stays readable after (`batchStatus`).
   */
  private batchOpen = false;
  private batchTally: BatchSummary = { succeeded: 0, failed: 0 };
  private maxRunning: number;
  private idCounter = 1;
  private isDestroyed = false;
  private readonly startUpload: (options: UploadResourceOptions) => UploadTask;
  private readonly nowMs: () => number;
  /** Least time between two in-phase progress reports of one file. */
  private readonly throttleMs: number;
  private readonly appMonitor: LifecycleMonitor;
  /** Releases the life-cycle listeners; set while a batch is open. */
  private releaseLifecycle: (() => void) | null = null;
  private gatedPlatform: { from: Platform; to: Platform } | null = null;

  constructor(private readonly queueOptions: UploadQueueOptions) {
    this.maxRunning = clampConcurrency(queueOptions.concurrency);
    this.startUpload = queueOptions.upload || uploadResource;
    this.nowMs = queueOptions.now || Date.now;
    this.throttleMs = typeof queueOptions.progressIntervalMs === 'number' ? Math.max(0, queueOptions.progressIntervalMs) : 250;
    this.appMonitor = new LifecycleMonitor(queueOptions.lifecycle);
    // Files wait while the app is hidden or offline, and resume by themselves.
    this.appMonitor.onChange(() => {
      if (this.isDestroyed) return;
      this.showHolds();
      this.startDue();
    });
  }

  /** Listens to one event; returns the unsubscribe. A listener that throws never wedges the queue. */
  on<K extends keyof QueueEvents>(event: K, fn: QueueListener<K>): () => void {
    const list: Array<QueueListener<K>> = this.eventListeners[event] || (this.eventListeners[event] = []);
    return listen(list, fn);
  }

  /** The files of the list, in order: candidates are not in it yet. */
  get files(): readonly QueueFile[] {
    return this.allRecords.filter((f) => isListed(f.state));
  }

  /** Every record, candidates included: what holds a place in the list. */
  get records(): readonly QueueFile[] {
    return this.allRecords;
  }

  /** A file of the list (not a candidate). */
  get(id: string): QueueFile | undefined {
    return this.allRecords.find((f) => f.id === id && isListed(f.state));
  }

  /** Any record, candidates included. */
  record(id: string): QueueFile | undefined {
    return this.allRecords.find((f) => f.id === id);
  }

  /** The current batch, or the last one once it settled: files in it and files settled. */
  get batchStatus(): { total: number; settled: number; open: boolean } {
    const settled = this.batchTally.succeeded + this.batchTally.failed;
    return { total: settled + this.dueFiles.length + this.inFlight.size, settled, open: this.batchOpen };
  }

  /** Files uploading right now. */
  get active(): number {
    return this.inFlight.size;
  }

  /** Why due files wait right now ('network', 'background'), or null. */
  get blockedBy(): WaitReason | null {
    return this.appMonitor.blocker;
  }

  /** The platform's life-cycle callbacks are registered (only while uploads are due). */
  get listening(): boolean {
    return this.appMonitor.listening;
  }

  setConcurrency(value: unknown): void {
    this.maxRunning = clampConcurrency(value);
    this.startDue();
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
    if (this.isDestroyed) return [];
    return inputs.map((input) => {
      // The component hands out ids before adding (its before-upload event shows them).
      const file = newRecord(input.id || (this.queueOptions.idPrefix || 'file-') + this.idCounter++, input);
      this.allRecords.push(file);
      return file;
    });
  }

  /**
   * Candidates enter the list (state `waiting`, one `add` event); ids no longer held as candidates
   * (removed, cleared, already accepted) are skipped. `start: true` also queues them for upload.
   */
  accept(ids: string[], start = false): QueueFile[] {
    if (this.isDestroyed) return [];
    const added: QueueFile[] = [];
    for (const id of ids) {
      const file = this.candidateById(id);
      if (!file) continue;
      transition(file, 'waiting');
      added.push(file);
    }
    if (added.length) this.emitEvent('add', { files: added });
    if (start) this.queueUp(added);
    return added;
  }

  /** Drops candidates (the host said no): gone without a trace, a `remove` event aside. */
  drop(ids: string[]): void {
    for (const id of ids) if (this.candidateById(id)) this.remove(id);
  }

  /**
   * Whether a fixed resource name is taken in this list: used by every file that has not failed or
   * been cancelled (a waiting file by the name it would upload under now), `exceptId` aside. The
   * component refuses a choice with reject reason 'resource-name' when this says so.
   */
  isResourceNameUsed(name: string, exceptId?: string): boolean {
    if (!name) return false;
    const current = fixedNameOf(this.queueOptions.uploadOptions());
    // A file paused before its start (the app hidden or offline) would upload under the current name
    // too, and so would a candidate once accepted: it holds the name while the host decides.
    const notStarted = (f: QueueFile) => f.state === 'candidate' || f.state === 'waiting' || (f.state === 'paused' && !this.inFlight.has(f));
    return this.allRecords.some((f) => f.id !== exceptId && f.state !== 'failed' && f.state !== 'aborted' && (notStarted(f) ? current : f.resourceName) === name);
  }

  /** Starts every waiting file (the component's `upload()`). */
  start(): void {
    this.queueUp(this.allRecords.filter((f) => f.state === 'waiting'));
  }

  /**
   * Uploads again: one failed or aborted file by id, or every failed file without one
   * (a file the user cancelled stays cancelled unless asked for by name).
   */
  retry(id?: string): QueueFile[] {
    const files = this.allRecords.filter((f) => (id === undefined ? f.state === 'failed' : f.id === id && (f.state === 'failed' || f.state === 'aborted')));
    for (const file of files) {
      file.error = null;
      this.setState(file, 'waiting');
    }
    this.queueUp(files);
    return files;
  }

  /** Stops one file (or all unsettled ones): state `aborted` and a `fail` event with code `Aborted`. */
  abort(id?: string): void {
    const files = this.allRecords.filter((f) => (id === undefined || f.id === id) && isListed(f.state) && !isSettled(f.state));
    for (const file of files) {
      const inBatch = this.stopFile(file);
      // A listener of an earlier file's `fail` may have settled it meanwhile.
      if (!isSettled(file.state)) this.settleFile(file, uploadAborted(), inBatch);
    }
    this.startDue();
  }

  /** Takes a file (or a candidate) out, stopping it first (so its batch forgets it). */
  remove(id: string): boolean {
    const file = this.record(id);
    if (!file) return false;
    this.stopFile(file);
    removeFrom(this.allRecords, file);
    this.emitEvent('remove', { file });
    this.startDue();
    return true;
  }

  /** Removes every file and candidate (stopping those in flight). */
  clear(): void {
    for (const file of this.allRecords.slice()) this.remove(file.id);
  }

  /** The owner is gone: stop everything in flight and never emit again. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.eventListeners = {};
    for (const file of this.allRecords) this.stopFile(file);
    this.stopListening();
  }

  private candidateById(id: string): QueueFile | undefined {
    return this.allRecords.find((f) => f.id === id && f.state === 'candidate');
  }

  private queueUp(files: QueueFile[]): void {
    if (this.isDestroyed) return;
    for (const file of files) {
      if (file.state !== 'waiting' || this.inFlight.has(file) || this.dueFiles.includes(file)) continue;
      this.dueFiles.push(file);
      // The first file opens a new batch.
      if (!this.batchOpen) {
        this.batchOpen = true;
        this.batchTally = { succeeded: 0, failed: 0 };
      }
    }
    if (this.batchOpen && !this.releaseLifecycle) this.releaseLifecycle = this.appMonitor.hold();
    this.showHolds();
    this.startDue();
  }

  /** Starts what may start; once nothing of the batch is left, closes it with one `complete`. */
  private startDue(): void {
    while (!this.isDestroyed && !this.appMonitor.blocker && this.inFlight.size < this.maxRunning && this.dueFiles.length) {
      this.beginUpload(this.dueFiles.shift()!);
    }
    if (!this.batchOpen || this.inFlight.size || this.dueFiles.length) return;
    this.batchOpen = false;
    // The last upload settled: nothing is due, so nothing needs to hear about the app or the network.
    this.stopListening();
    // A batch whose every file was removed has nothing to report.
    const { succeeded, failed } = this.batchTally;
    if (succeeded || failed) this.emitEvent('complete', { succeeded, failed });
  }

  // ——— the life cycle: files wait while the app is hidden or offline, and resume by themselves ———

  /**
   * Due and running files show why they wait, or go back to what they were doing once nothing
   * holds them: due ones to `waiting`, running ones (whose requests wait in the gate) to their phase.
   */
  private showHolds(): void {
    const reason = this.appMonitor.blocker;
    for (const file of this.allRecords) {
      const running = this.inFlight.has(file);
      if (!running && !this.dueFiles.includes(file)) continue;
      // Also when only the reason changed (background → network): the view shows it.
      this.setState(file, reason ? 'paused' : running ? file.phase || 'hashing' : 'waiting', reason);
    }
  }

  /** The platform of an upload, its requests gated by the life cycle (one wrapper per platform). */
  private platformFor(given: Platform | undefined): Platform | undefined {
    const platform = this.queueOptions.lifecycle && (given || defaultPlatform());
    if (!platform) return given;
    if (!this.gatedPlatform || this.gatedPlatform.from !== platform) this.gatedPlatform = { from: platform, to: gatePlatform(platform, this.appMonitor) };
    return this.gatedPlatform.to;
  }

  private stopListening(): void {
    const release = this.releaseLifecycle;
    this.releaseLifecycle = null;
    if (release) release();
  }

  private beginUpload(file: QueueFile): void {
    const base = this.queueOptions.uploadOptions();
    file.attempts++;
    file.steps = stepsFor(base);
    file.phase = null;
    file.percent = 0;
    file.result = null;
    file.resourceName = fixedNameOf(base);
    // Two files are never stored under one name: one already uploading (paused included) or stored under it keeps it.
    if (file.resourceName && this.allRecords.some((g) => g !== file && (this.inFlight.has(g) || isRunning(g.state) || g.state === 'done') && g.resourceName === file.resourceName)) {
      // `startDue`, which began it, goes on with the next one.
      this.settleFile(file, UploadError.of('ResourceNameInUse'));
      return;
    }
    const running: Running = { task: undefined as unknown as UploadTask, reported: 0, started: this.appMonitor.stamp() };
    const current = () => this.inFlight.get(file) === running;
    // Registered before the upload starts: the core reports its first phase synchronously.
    this.inFlight.set(file, running);
    running.task = this.startUpload({
      ...base,
      platform: this.platformFor(base.platform),
      filePath: file.path,
      name: file.name,
      onProgress: (p) => {
        if (current()) this.noteProgress(file, running, p.phase, p.percent);
      },
    });
    running.task.then(
      (result) => {
        if (!current()) return;
        this.inFlight.delete(file);
        file.result = result;
        this.settleFile(file, null);
        this.startDue();
      },
      (err: unknown) => {
        if (!current()) return;
        // Anything but an UploadError is a bug; the file still fails visibly instead of hanging.
        const error = err instanceof UploadError ? err : UploadError.of('ClientError');
        const waits = waitsInsteadOfFailing(error, this.appMonitor, running.started);
        this.inFlight.delete(file);
        if (waits) {
          // Back among the due ones, in list order (before younger files), uncounted.
          file.attempts--;
          file.error = null;
          const at = this.dueFiles.findIndex((f) => this.allRecords.indexOf(f) > this.allRecords.indexOf(file));
          this.dueFiles.splice(at === -1 ? this.dueFiles.length : at, 0, file);
          this.showHolds();
        } else this.settleFile(file, error);
        this.startDue();
      },
    );
  }

  /** Phase changes always pass (they are state changes); moves within a phase at most every `throttleMs`. */
  private noteProgress(file: QueueFile, running: Running, phase: UploadPhase, percent: number): void {
    const now = this.nowMs();
    const samePhase = phase === file.phase;
    // The end of a phase is reported with the next phase's start (or the result): dropping it loses nothing.
    if (samePhase && (percent === file.percent || now - running.reported < this.throttleMs)) return;
    file.phase = phase;
    file.percent = percent;
    running.reported = now;
    // While held back the file stays `paused`; it shows the phase again when released.
    if (!samePhase && !this.appMonitor.blocker) this.setState(file, phase);
    this.emitEvent('progress', { file, phase, percent });
  }

  /** Takes a file out of the line and stops its upload, if any; whether it was in the batch (pending or running). */
  private stopFile(file: QueueFile): boolean {
    const wasDue = removeFrom(this.dueFiles, file);
    const running = this.inFlight.get(file);
    this.inFlight.delete(file);
    if (running) running.task.abort();
    return wasDue || !!running;
  }

  /**
   * The one way a file settles: stored (no error), or failed, or aborted (code `Aborted`). Counted
   * when it was in the batch: every upload that ran or was due, not a file aborted before it was told to upload.
   */
  private settleFile(file: QueueFile, error: UploadError | null, inBatch = true): void {
    file.error = error;
    if (inBatch) this.batchTally[error ? 'failed' : 'succeeded']++;
    this.setState(file, !error ? 'done' : error.code === 'Aborted' ? 'aborted' : 'failed');
    if (error) this.emitEvent('fail', { file, error });
    else this.emitEvent('success', { file, result: file.result! });
  }

  /** By default a paused file keeps its reason (any other state has none), so staying put is no change. */
  private setState(file: QueueFile, state: FileState, reason = file.waitingFor): void {
    const previous = transition(file, state, reason);
    if (previous !== null) this.emitEvent('state', { file, previous });
  }

  private emitEvent<K extends keyof QueueEvents>(event: K, payload: QueueEvents[K]): void {
    if (this.isDestroyed) return;
    for (const fn of (this.eventListeners[event] || []).slice()) {
      try {
        fn(payload);
      } catch (err) {
        // A listener's bug must not wedge the queue; the message is the listener's own, never a secret of ours.
        console.error(err);
      }
    }
  }
}
