/**
 * The component's behaviour without the `Component()` wrapper: opens the chooser, hands the
 * choice to admission (admission.ts), feeds the queue, keeps the host's `files`, previews and
 * plays, and turns queue events into SPEC's events and into one `setData` per tick.
 */
import { messageFor, normalizeLocale, onMessagesChange } from '../core';
import { BatchSummary, defaultPlatformLifecycle, UploadQueue } from '../core';
import type { QueueFile } from '../core';
import { HostFileList, HostRow } from './host-files';
import { Admission, AdmissionHost, chosenFile } from './admission';
import { pickFiles, Picked } from './picker';
import { FileKind, kindOf, Listener, openPreview, sharedAudio } from './preview';
import { badProperty } from './property-check';
import { Props, restrictionsOf, uploadOptionsOf } from './props';
import { hostFileIndex } from './select';
import { chooseFailedText, invalidOptionText, text, textsFor } from './texts';
import type { ComponentErrorCode, HostFile } from './types';
import { ViewSync, viewOf, ROWS } from './view';
import { isStoredFile, StoredFiles } from './stored/stored-files';

/** The controller's `Component` instance: its `data` holds the properties as they are now. */
export interface Host {
  readonly data: object;
  setData(patch: Record<string, unknown>): void;
  triggerEvent(name: string, detail: object): void;
}

/** The template's top-level data besides the rows. */
export type TopData = {
  texts: ReturnType<typeof textsFor>;
  /** Reject messages of the last choice. */
  notices: string[];
  /** A failure that belongs to no file (the `error` event's message); '' when none. */
  alert: string;
  /** The last settled batch in words; '' while one runs. */
  summary: string;
  /** Files of the running (or last) batch, for the batch bar: shown from two files on. */
  batch: { total: number; settled: number; percent: number };
  /** Files chosen and not started (with `auto-upload` off). */
  waiting: number;
  /** The host's `files`, as rows. */
  hostItems: HostRow[];
  /** The list holds `max-count` files: the trigger hides. */
  full: boolean;
  /** Id of the row whose audio plays; '' when none. */
  playing: string;
};

const NO_BATCH = { total: 0, settled: 0, percent: 0 };

/** What the view holds before the first `setData` (each row says itself whether it is running). */
export function initialData(): TopData & { [ROWS]: never[] } {
  return {
    [ROWS]: [],
    texts: textsFor('zh-CN'),
    notices: [],
    alert: '',
    summary: '',
    batch: NO_BATCH,
    waiting: 0,
    hostItems: [],
    full: false,
    playing: '',
  };
}

/** The alert shown until its kind of problem is over, worded when drawn. */
type Problem = { code: ComponentErrorCode; words(locale: string): string };

let instances = 0;

/** The controller is its parts' host (admission, stored files) and the shared player's listener. */
export class Uploader implements Listener, AdmissionHost {
  private readonly uploadQueue: UploadQueue;
  private readonly view: ViewSync;
  private readonly admission: Admission;
  private readonly stopWatchingWords: () => void;
  private picking = false;
  /** The page has left: nothing is shown or told any more. */
  detached = false;
  private shownProblem: Problem | null = null;
  /** The last InvalidOption reported, so one bad value is reported once. */
  private reportedOption = '';
  private lastSummary: BatchSummary | null = null;
  /**
   * The host's `files`: the usable entries the user has not removed, with their index in the host's
   * array. Their places: `max-count` less the files in the list (candidates wait their turn).
   */
  private readonly hostFiles = new HostFileList(() => restrictionsOf(this.props).maxCount - this.uploadQueue.files.length);
  /** Video covers from the chooser, by file id. */
  private readonly videoCovers: Record<string, string | undefined> = {};
  /** Id of the row whose audio plays; '' when none. */
  private playingId = '';
  // stored-files: host files stored by name get their URL on the first tap.
  private readonly storedFiles: StoredFiles;

  constructor(private readonly host: Host) {
    this.uploadQueue = new UploadQueue({
      uploadOptions: () => uploadOptionsOf(this.props),
      concurrency: this.props.concurrency,
      idPrefix: `ru${++instances}-`,
      // Files wait while the app is hidden or offline; listened to only while uploads are due.
      // The platform's own life cycle, the app's only one (h-waits).
      lifecycle: defaultPlatformLifecycle(),
    });
    this.storedFiles = new StoredFiles(this);
    this.admission = new Admission(this, this.uploadQueue);
    this.view = new ViewSync(
      { files: () => this.uploadQueue.files, row: (f) => viewOf(f, this.locale, this.previewOn(), this.videoCovers[f.id]), top: () => this.top() },
      // Nothing once closed: `detach` closes it before anything it stops could draw again.
      (patch) => host.setData(patch),
      undefined,
      // What the view holds already (the rows aside, which `top` never returns).
      initialData(),
    );
    this.listen();
    // A host's new texts (or a locale it just registered) show at once.
    this.stopWatchingWords = onMessagesChange(() => this.refresh());
    this.setHostFiles(this.props.files);
    this.checkProperties();
  }

  // ——— the parts' host ———

  get props(): Props {
    return this.host.data as Props;
  }

  /** Read at every wording: a locale whose texts a host adds later (`setMessages`) is used from then on. */
  get locale(): string {
    return normalizeLocale(this.props.locale);
  }

  /** One of SPEC's events, for the host page. */
  emit(name: string, detail: object): void {
    this.host.triggerEvent(name, detail);
  }

  /** Derived top-level values may have changed: the view compares them at its next flush (any flush does). */
  changed(): void {
    this.view.touchTop();
  }

  // ——— SPEC methods ———

  /** Opens the chooser; resolves when it closes (not when the host answers before-upload). */
  async choose(): Promise<void> {
    const props = this.props;
    const room = this.room();
    if (this.picking || this.detached || props.disabled || badProperty(props) || room <= 0) return;
    this.picking = true;
    const restrictions = restrictionsOf(props);
    let outcome;
    try {
      outcome = await pickFiles({ accept: props.accept, count: room, extensions: restrictions.extensions });
    } finally {
      this.picking = false;
    }
    if (this.detached || 'cancelled' in outcome) return;
    if ('errMsg' in outcome) {
      const errMsg = outcome.errMsg;
      this.show({ code: 'ChooseFailed', words: (locale) => chooseFailedText(errMsg, locale) }, errMsg);
      return;
    }
    this.solved('ChooseFailed');
    // Entries of the answer without a usable path or size: one error for the choice (SPEC 0.3).
    if (outcome.dropped) this.emitError('ChooseFailed', text(this.locale, 'unusableChoice'), outcome.dropped);
    // The room left now: the list may have filled while the chooser was open.
    this.admission.admit(outcome.files, { ...restrictions, maxCount: this.room() });
  }

  upload(): void {
    this.uploadQueue.start();
  }

  retry(id?: string): void {
    this.uploadQueue.retry(typeof id === 'string' ? id : undefined);
  }

  abort(id?: string): void {
    this.uploadQueue.abort(typeof id === 'string' ? id : undefined);
  }

  remove(id: string): void {
    if (typeof id !== 'string') return;
    sharedAudio.stop(this, id);
    // Not a chosen file: perhaps one of the host's, whose id names its slot (`host-<index>`).
    if (this.uploadQueue.remove(id) || !this.hostFiles.remove(id)) return;
    this.emit('remove', { id });
    this.changed();
  }

  clear(): void {
    this.uploadQueue.clear();
  }

  // ——— taps on a row ———

  /** Full-screen preview of an image or video row. */
  preview(id: string): void {
    if (this.previewOn()) this.open(id, (src, name) => openPreview(kindOf(name), src));
  }

  /** Play or stop an audio row; one sound at a time in the whole app. */
  togglePlay(id: string): void {
    if (!this.previewOn()) return;
    // Only an audio row of this list plays (and a row that leaves, or `preview` turned off, stops it).
    if (sharedAudio.isPlaying(this, id)) return sharedAudio.stop(this, id);
    const play = (src: string) => {
      if (!sharedAudio.play(this, id, src)) return;
      this.playingId = id;
      this.changed();
    };
    this.open(id, play, 'audio');
  }

  /** The shared player stopped this component's sound; one it could not play is not played from the same URL again. */
  stopped(key: string, failed: boolean): void {
    const entry = failed && this.hostFiles.find(key);
    if (entry && isStoredFile(entry.file)) this.storedFiles.drop(entry.file);
    if (this.playingId !== key) return;
    this.playingId = '';
    this.changed();
  }

  // ——— property changes ———

  setConcurrency(value: unknown): void {
    this.uploadQueue.setConcurrency(value);
  }

  setHostFiles(value: unknown): void {
    this.hostFiles.set(value);
    this.storedFiles.forget(this.hostFiles.byIndex());
    if (hostFileIndex(this.playingId) >= 0) sharedAudio.stop(this, this.playingId);
    this.checkHostFiles();
    this.changed();
  }

  /**
   * `files` entries left out (unusable, or beyond the room `max-count` leaves beside the chosen
   * files) are an InvalidOption naming `files`: once per value, again when `max-count` changes what fits.
   */
  private checkHostFiles(): void {
    // 'files' is not one of the properties that keep the chooser closed: its message names it all the same.
    if (this.hostFiles.newProblem()) this.emitError('InvalidOption', invalidOptionText('files', this.hostFiles.value, this.locale));
  }

  /**
   * `locale`, `preview` or `max-count` changed, or a host's texts: rows and the trigger may look
   * different (failed files' messages too: rows are worded from each error's code and details when drawn).
   */
  refresh(): void {
    if (!this.previewOn()) sharedAudio.stop(this);
    this.view.touchAll();
  }

  /** A property changed (`max-count`, `max-size`, `extension`, `min-upload-rate`…): an unusable value is an InvalidOption, once. */
  checkProperties(): void {
    const props = this.props;
    const bad = badProperty(props);
    this.checkHostFiles();
    if (!bad) {
      this.reportedOption = '';
      this.solved('InvalidOption');
      this.changed();
      return;
    }
    // The property as written in WXML → its key in the data (`max-count` → `maxCount`).
    const value = props[bad.replace(/-(.)/g, (_, c: string) => c.toUpperCase()) as keyof Props];
    const key = bad + ':' + String(value);
    this.show({ code: 'InvalidOption', words: (locale) => invalidOptionText(bad, value, locale) }, '', key !== this.reportedOption);
    this.reportedOption = key;
  }

  /** The page is leaving: stop what is in flight and the sound, and never touch the view again. */
  detach(): void {
    this.detached = true;
    this.stopWatchingWords();
    sharedAudio.stop(this);
    this.storedFiles.close();
    this.view.close();
    this.uploadQueue.destroy();
  }

  // ——— choosing ———

  /** Free places in the list: `max-count` less the host's files shown and every record (candidates included). */
  room(): number {
    return restrictionsOf(this.props).maxCount - this.hostFiles.shown().length - this.uploadQueue.records.length;
  }

  /** Candidates are the queue's records from the start: `remove` and `clear` drop them. */
  propose(files: Picked[]): QueueFile[] {
    const records = this.uploadQueue.propose(files);
    records.forEach((record, i) => (this.videoCovers[record.id] = files[i].thumb));
    return records;
  }

  /** The `error` event: a failure that belongs to no file. */
  private emitError(code: ComponentErrorCode, message: string, errMsg = ''): void {
    this.emit('error', { code, message, errMsg });
  }

  /** Shows `problem` in the component until it is over; reported as an `error` event too unless `report` is false. */
  private show(problem: Problem, errMsg: string, report = true): void {
    this.shownProblem = problem;
    this.changed();
    if (report) this.emitError(problem.code, problem.words(this.locale), errMsg);
  }

  /** A problem of kind `code` is over: its alert goes (at the next flush). */
  private solved(code: ComponentErrorCode): void {
    if (this.shownProblem && this.shownProblem.code === code) this.shownProblem = null;
  }

  // ——— rows ———

  /** Calls `use` with what opens a row's file, and its name; with `kind`, only for a file of that kind. */
  private open(id: string, use: (src: string, name: string) => void, kind?: FileKind): void {
    const chosen = this.uploadQueue.get(id);
    const entry = this.hostFiles.find(id);
    // A chosen file opens by its path; a host's by its URL (only one of a usable scheme was kept,
    // host-files.ts) or, stored by name, by the URL issued on the first tap.
    const file: HostFile | undefined = chosen ? { name: chosen.name, url: chosen.path } : entry && entry.file;
    if (!file || (kind && kindOf(file.name) !== kind)) return;
    if (file.url) use(file.url, file.name);
    else if (isStoredFile(file)) this.storedFiles.url(id, file, (url) => use(url, file.name));
  }

  private previewOn(): boolean {
    return this.props.preview !== false;
  }

  // ——— queue → events and view ———

  private listen(): void {
    const q = this.uploadQueue;
    q.on('add', ({ files }) => {
      this.lastSummary = null;
      this.emit('select', { files: files.map(chosenFile) });
      this.changed();
    });
    // The batch bar and the waiting count follow the states too: every flush compares the top values.
    q.on('state', ({ file }) => this.view.touch(file.id));
    q.on('progress', ({ file, phase, percent }) => {
      this.emit('progress', { id: file.id, name: file.name, phase, percent });
      if (percent > 0 && percent < 100) this.view.touch(file.id);
    });
    q.on('success', ({ file, result }) => this.emit('success', { id: file.id, ...result }));
    q.on('fail', ({ file, error }) => {
      // Worded now, in the locale in force now (SPEC 0.3 "Words"), from the redacted code and details.
      this.emit('fail', { id: file.id, name: file.name, code: error.code, message: messageFor(error.code, this.locale, error.detail), requestId: error.requestId, retryable: error.retryable });
    });
    q.on('remove', ({ file }) => {
      sharedAudio.stop(this, file.id);
      delete this.videoCovers[file.id];
      // A candidate was never selected: it goes without a `remove` event (and is no row).
      if (file.state !== 'candidate') this.emit('remove', { id: file.id });
      this.view.touchList();
    });
    q.on('complete', (summary) => {
      this.lastSummary = summary;
      this.emit('complete', { ...summary });
      this.changed();
    });
  }

  private top(): TopData {
    const locale = this.locale;
    const { total, settled, open } = this.uploadQueue.batchStatus;
    return {
      texts: textsFor(locale),
      notices: this.admission.notices(locale),
      alert: this.shownProblem ? this.shownProblem.words(locale) : '',
      summary: this.lastSummary && !open ? text(locale, 'summary', this.lastSummary) : '',
      // One file has its own bar; a batch bar starts to mean something from two.
      batch: total > 1 ? { total, settled, percent: Math.round((100 * settled) / total) } : NO_BATCH,
      waiting: this.uploadQueue.files.filter((f) => f.state === 'waiting').length,
      hostItems: this.storedFiles.rows(this.hostFiles.rows(this.previewOn()), locale),
      full: !badProperty(this.props) && this.room() <= 0,
      playing: this.playingId,
    };
  }
}
