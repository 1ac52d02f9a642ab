/**
 * The component's behaviour without the `Component()` wrapper: opens the chooser, hands the
 * choice to admission (admission.ts), feeds the queue, keeps the host's `files`, previews and
 * plays, and turns queue events into SPEC's events and into one `setData` per tick.
 */
import { messageFor, normalizeLocale, onMessagesChange } from '../core';
import { BatchSummary, defaultPlatformLifecycle, UploadQueue, uploadResource } from '../core';
import { HostEntry, HostFileList, HostRow, hostRowsOf, HOST_ID_PREFIX } from './host-files';
import { Admission, Candidate } from './admission';
import { pickFiles } from './picker';
import { kindOf, Listener, openPreview, sharedAudio } from './preview';
import { BadProperty, badProperty } from './property-check';
import { normalizeAccept, Props, restrictionsOf, uploadOptionsOf } from './props';
import { hostFileIndex } from './select';
import { chooseFailedText, invalidOptionText, summaryText, textsFor, unusableChoiceText } from './texts';
import type { ChosenFile, ErrorDetail, HostFile } from './types';
import { ViewSync, viewOf, ROWS } from './view';
import { isStoredFile, StoredFiles } from './stored/stored-files';

/** What the controller needs from its `Component` instance. */
export interface Host {
  props(): Props;
  setData(patch: Record<string, unknown>): void;
  triggerEvent(name: string, detail: object): void;
}

/** The template's top-level data besides the rows. */
export interface TopData {
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
  /** States during which a file is in flight, for the template's lookups. */
  running: Record<string, boolean>;
}

const NO_BATCH = { total: 0, settled: 0, percent: 0 };
const RUNNING_LOOKUP: Record<string, boolean> = { hashing: true, signing: true, uploading: true, registering: true, delivering: true };

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
    running: RUNNING_LOOKUP,
  };
}

type Problem = { kind: 'option'; property: BadProperty; value: unknown } | { kind: 'choose'; errMsg: string };

let instances = 0;

export class Uploader implements Listener {
  private readonly queue: UploadQueue;
  private readonly view: ViewSync;
  private readonly admission: Admission;
  /** The locale the view was last drawn in. */
  private shownLocale = '';
  private readonly stopWatchingWords: () => void;
  private picking = false;
  private detached = false;
  private problem: Problem | null = null;
  /** The last InvalidOption reported, so one bad value is reported once. */
  private reportedOption = '';
  private summary: BatchSummary | null = null;
  /** The host's `files`: usable entries with their index in the host's array, and the removed ones. */
  private readonly hostFiles = new HostFileList();
  /** Video covers from the chooser, by file id. */
  private readonly covers: Record<string, string> = {};
  private playing = '';
  // stored-files: host files stored by name get their URL on the first tap.
  private readonly stored: StoredFiles;

  constructor(private readonly host: Host) {
    this.stored = new StoredFiles({ props: () => host.props(), locale: () => this.locale, triggerEvent: (n, d) => host.triggerEvent(n, d), changed: () => this.view.touchTop() });
    const initial = initialData();
    const idPrefix = `ru${++instances}-`;
    this.queue = new UploadQueue({
      uploadOptions: () => uploadOptionsOf(this.host.props()),
      concurrency: host.props().concurrency,
      upload: uploadResource,
      idPrefix,
      // Files wait while the app is hidden or offline; listened to only while uploads are due.
      // The platform's own life cycle, the app's only one (h-waits).
      lifecycle: defaultPlatformLifecycle(),
    });
    this.admission = new Admission(
      {
        props: () => this.host.props(),
        locale: () => this.locale,
        nameUsed: (name) => this.queue.isResourceNameUsed(name),
        propose: (candidates) => this.propose(candidates),
        stillCandidates: (ids) => ids.filter((id) => this.isCandidate(id)),
        roomBeside: (ids) => this.room() + ids.length,
        enter: (candidates) => this.enter(candidates),
        accept: (ids) => this.queue.accept(ids, !!this.host.props().autoUpload),
        drop: (ids) => this.queue.drop(ids),
        triggerEvent: (name, detail) => this.host.triggerEvent(name, detail),
        changed: () => this.view.touchTop(),
        detached: () => this.detached,
      },
      idPrefix,
    );
    const sent: Record<string, unknown> = { ...initial };
    delete sent[ROWS];
    delete sent.running;
    this.view = new ViewSync(
      { files: () => this.queue.files, row: (f) => viewOf(f, this.locale, this.previewOn(), this.covers[f.id]), top: () => this.top() },
      (patch) => {
        if (!this.detached) this.host.setData(patch);
      },
      undefined,
      sent,
    );
    this.listen();
    // A host's new texts (or a locale it just registered) show at once.
    this.stopWatchingWords = onMessagesChange(() => {
      this.shownLocale = '';
      this.setLocale(this.host.props().locale);
    });
    this.setLocale(host.props().locale);
    this.setHostFiles(host.props().files);
    this.checkProperties();
  }

  /** Read at every wording: a locale whose texts a host adds later (`setMessages`) is used from then on. */
  private get locale(): string {
    return normalizeLocale(this.host.props().locale);
  }

  // ——— SPEC methods ———

  /** Opens the chooser; resolves when it closes (not when the host answers before-upload). */
  async choose(): Promise<void> {
    const props = this.host.props();
    if (this.picking || this.detached || props.disabled || badProperty(props)) return;
    const room = this.room();
    if (room <= 0) return;
    this.picking = true;
    const restrictions = restrictionsOf(props);
    let outcome;
    try {
      outcome = await pickFiles({ accept: normalizeAccept(props.accept), count: room, extensions: restrictions.extensions });
    } finally {
      this.picking = false;
    }
    if (this.detached || 'cancelled' in outcome) return;
    if ('errMsg' in outcome) {
      this.problem = { kind: 'choose', errMsg: outcome.errMsg };
      this.emitError({ code: 'ChooseFailed', message: chooseFailedText(outcome.errMsg, this.locale), errMsg: outcome.errMsg });
      this.view.touchTop();
      return;
    }
    if (this.problem && this.problem.kind === 'choose') this.problem = null;
    // Entries of the answer without a usable path or size: one error for the choice (SPEC 0.3).
    if (outcome.dropped) this.emitError({ code: 'ChooseFailed', message: unusableChoiceText(this.locale), errMsg: outcome.dropped });
    this.admission.admit(outcome.files, { ...restrictions, maxCount: Math.max(this.room(), 0) });
  }

  upload(): void {
    this.queue.start();
  }

  retry(id?: string): void {
    this.queue.retry(typeof id === 'string' ? id : undefined);
  }

  abort(id?: string): void {
    this.queue.abort(typeof id === 'string' ? id : undefined);
  }

  remove(id: string): void {
    if (typeof id !== 'string') return;
    sharedAudio.stop(this, id);
    if (id.indexOf(HOST_ID_PREFIX) === 0) this.removeHostFile(id);
    else this.queue.remove(id);
  }

  clear(): void {
    this.queue.clear();
  }

  // ——— taps on a row ———

  /** Full-screen preview of an image or video row. */
  preview(id: string): void {
    const target = this.target(id);
    if (!target || !this.previewOn()) return;
    // stored-files: opens once the URL is issued.
    if (target.stored) this.stored.url(id, target.stored, (url) => openPreview(kindOf(target.name), url));
    else openPreview(kindOf(target.name), target.path);
  }

  /** Play or stop an audio row; one sound at a time in the whole app. */
  togglePlay(id: string): void {
    const target = this.target(id);
    if (!target || !this.previewOn() || kindOf(target.name) !== 'audio') return;
    if (sharedAudio.isPlaying(this, id)) {
      sharedAudio.stop(this, id);
      return;
    }
    // stored-files: plays once the URL is issued.
    if (target.stored) this.stored.url(id, target.stored, (url) => this.play(id, url));
    else this.play(id, target.path);
  }

  private play(id: string, src: string): void {
    if (sharedAudio.play(this, id, src)) {
      this.playing = id;
      this.view.touchTop();
    }
  }

  /** The shared player stopped this component's sound. */
  stopped(key: string): void {
    if (this.playing !== key) return;
    this.playing = '';
    this.view.touchTop();
  }

  // ——— property changes ———

  setLocale(value: unknown): void {
    const locale = normalizeLocale(value);
    if (locale === this.shownLocale) return;
    this.shownLocale = locale;
    // Failed files' messages too: rows are worded from each error's code and details when drawn.
    this.view.touchAll();
    this.view.touchTop();
  }

  setConcurrency(value: unknown): void {
    this.queue.setConcurrency(value);
  }

  setHostFiles(value: unknown): void {
    this.hostFiles.set(value);
    this.stored.forget(this.hostFiles.byIndex());
    if (this.playing.indexOf(HOST_ID_PREFIX) === 0) sharedAudio.stop(this, this.playing);
    this.checkHostFiles();
    this.view.touchTop();
  }

  /**
   * `files` entries left out (unusable, or beyond the room `max-count` leaves beside the chosen
   * files) are an InvalidOption naming `files`: once per value, again when `max-count` changes what fits.
   */
  private checkHostFiles(): void {
    if (!this.hostFiles.newProblem(this.hostRoom())) return;
    // 'files' is not one of the properties that keep the chooser closed: its message names it all the same.
    this.emitError({ code: 'InvalidOption', message: invalidOptionText('files', this.hostFiles.value, this.locale), errMsg: '' });
  }

  /** `preview` or `max-count` changed: rows and the trigger may look different. */
  refresh(): void {
    if (!this.previewOn()) sharedAudio.stop(this);
    this.view.touchAll();
    this.view.touchTop();
  }

  /** `max-count`, `max-size` or `extension` changed: an unusable value is an InvalidOption, once. */
  checkProperties(): void {
    const props = this.host.props();
    const bad = badProperty(props);
    this.checkHostFiles();
    if (!bad) {
      this.reportedOption = '';
      if (this.problem && this.problem.kind === 'option') this.problem = null;
      this.view.touchTop();
      return;
    }
    const value = bad === 'max-count' ? props.maxCount : bad === 'max-size' ? props.maxSize : bad === 'min-upload-rate' ? props.minUploadRate : props.extension;
    const key = bad + ':' + String(value);
    this.problem = { kind: 'option', property: bad, value };
    this.view.touchTop();
    if (key === this.reportedOption) return;
    this.reportedOption = key;
    this.emitError({ code: 'InvalidOption', message: invalidOptionText(bad, value, this.locale), errMsg: '' });
  }

  /** The page is leaving: stop what is in flight and the sound, and never touch the view again. */
  detach(): void {
    this.detached = true;
    this.stopWatchingWords();
    sharedAudio.stop(this);
    this.stored.close();
    this.view.close();
    this.queue.destroy();
  }

  // ——— choosing ———

  /** Free places in the list: `max-count` less the host's files shown and every record (candidates included). */
  private room(): number {
    const maxCount = restrictionsOf(this.host.props()).maxCount;
    return maxCount - this.shownHostEntries().length - this.queue.records.length;
  }

  /** The host files shown: as many as `max-count` leaves beside the chosen files (candidates wait their turn). */
  private shownHostEntries(): HostEntry[] {
    return this.hostFiles.shown(this.hostRoom());
  }

  /** Places for host files: `max-count` less the files in the list. */
  private hostRoom(): number {
    return restrictionsOf(this.host.props()).maxCount - this.queue.files.length;
  }

  private isCandidate(id: string): boolean {
    const record = this.queue.record(id);
    return !!record && record.state === 'candidate';
  }

  private enter(candidates: Candidate[]): void {
    this.propose(candidates);
    this.queue.accept(candidates.map((c) => c.id), !!this.host.props().autoUpload);
  }

  /** Candidates are the queue's records from the start: `remove` and `clear` drop them. */
  private propose(candidates: Candidate[]): void {
    for (const c of candidates) if (c.thumb) this.covers[c.id] = c.thumb;
    this.queue.propose(candidates.map((c) => ({ id: c.id, path: c.path, name: c.name, size: c.size })));
  }

  private emitError(detail: ErrorDetail): void {
    this.host.triggerEvent('error', detail);
  }

  // ——— host files ———

  private removeHostFile(id: string): void {
    const index = hostFileIndex(id);
    if (!this.hostFiles.remove(index, this.hostRoom())) return;
    // SPEC's shape, {id}: the id names the slot of the host's array (`host-<index>`).
    this.host.triggerEvent('remove', { id });
    this.view.touchTop();
  }

  /** The name and the previewable path of a row, chosen or the host's. */
  private target(id: string): { name: string; path: string; stored?: HostFile } | null {
    if (typeof id !== 'string') return null;
    if (id.indexOf(HOST_ID_PREFIX) === 0) {
      const index = hostFileIndex(id);
      const entry = this.hostFiles.find(index, this.hostRoom());
      const file = entry && entry.file;
      // Only a URL of a usable scheme was kept (host-files.ts); an entry stored by name has no path until its URL is issued.
      return file && file.url ? { name: file.name, path: file.url } : file && isStoredFile(file) ? { name: file.name, path: '', stored: file } : null;
    }
    const file = this.queue.get(id);
    return file ? { name: file.name, path: file.path } : null;
  }

  private previewOn(): boolean {
    return this.host.props().preview !== false;
  }

  // ——— queue → events and view ———

  private listen(): void {
    const q = this.queue;
    q.on('add', ({ files }) => {
      this.summary = null;
      this.host.triggerEvent('select', { files: files.map((f): ChosenFile => ({ id: f.id, name: f.name, size: f.size, path: f.path })) });
      this.view.touchTop();
    });
    q.on('state', ({ file }) => {
      this.view.touch(file.id);
      // The batch bar and the waiting count follow the states.
      this.view.touchTop();
    });
    q.on('progress', ({ file, phase, percent }) => {
      this.host.triggerEvent('progress', { id: file.id, name: file.name, phase, percent });
      if (percent > 0 && percent < 100) this.view.touch(file.id);
    });
    q.on('success', ({ file, result }) => {
      this.host.triggerEvent('success', { id: file.id, ...result });
    });
    q.on('fail', ({ file, error }) => {
      // Worded now, in the locale in force now (SPEC 0.3 "Words"), from the redacted code and details.
      this.host.triggerEvent('fail', { id: file.id, name: file.name, code: error.code, message: messageFor(error.code, this.locale, error.detail), requestId: error.requestId, retryable: error.retryable });
    });
    q.on('remove', ({ file }) => {
      sharedAudio.stop(this, file.id);
      delete this.covers[file.id];
      // A candidate was never selected: it goes without a `remove` event (and is no row).
      if (file.state !== 'candidate') this.host.triggerEvent('remove', { id: file.id });
      this.view.touchList();
      this.view.touchTop();
    });
    q.on('complete', (summary) => {
      this.summary = summary;
      this.host.triggerEvent('complete', { succeeded: summary.succeeded, failed: summary.failed });
      this.view.touchTop();
    });
  }

  private alertText(): string {
    const p = this.problem;
    if (!p) return '';
    return p.kind === 'option' ? invalidOptionText(p.property, p.value, this.locale) : chooseFailedText(p.errMsg, this.locale);
  }

  private top(): Omit<TopData, 'running'> {
    const locale = this.locale;
    const { total, settled, open } = this.queue.batchStatus;
    const props = this.host.props();
    return {
      texts: textsFor(locale),
      notices: this.admission.notices(locale),
      alert: this.alertText(),
      summary: this.summary && !open ? summaryText(locale, this.summary) : '',
      // One file has its own bar; a batch bar starts to mean something from two.
      batch: total > 1 ? { total, settled, percent: Math.round((100 * settled) / total) } : NO_BATCH,
      waiting: this.queue.files.filter((f) => f.state === 'waiting').length,
      hostItems: this.stored.rows(hostRowsOf(this.shownHostEntries(), this.previewOn()), locale),
      full: !badProperty(props) && this.room() <= 0,
      playing: this.playing,
    };
  }
}
