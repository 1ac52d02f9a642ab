/**
 * The component's behaviour without the `Component()` wrapper: picks files, screens them, feeds
 * the queue, turns queue events into SPEC's events and into one `setData` per tick.
 */
import { uploadResource } from '../index';
import { createWechatLifecycle } from '../platform/wechat-lifecycle';
import { Locale, normalizeLocale, RejectDetail, RejectReason, rejectMessage } from '../core/messages';
import { PickedFile, Rejection, screenFiles } from '../core/restrictions';
import { BatchSummary, UploadQueue } from '../core/upload-queue';
import { pickFiles } from './picker';
import { normalizeAccept, Props, restrictionsOf, uploadOptionsOf } from './props';
import { summaryText, textsFor } from './texts';
import { ViewSync } from './view';

/** What the controller needs from its `Component` instance. */
export interface Host {
  props(): Props;
  setData(patch: Record<string, unknown>): void;
  triggerEvent(name: string, detail: object): void;
}

/** The template's top-level data besides `files`. */
export interface TopData {
  texts: ReturnType<typeof textsFor>;
  /** Reject messages of the last choice. */
  notices: string[];
  /** The last settled batch in words; '' while one runs. */
  summary: string;
  /** Files of the running (or last) batch, for the batch bar: shown from two files on. */
  batch: { total: number; settled: number; percent: number };
  /** Files chosen and not started (with `auto-upload` off). */
  waiting: number;
  /** States during which a file is in flight, for the template's lookups. */
  running: Record<string, boolean>;
}

const NO_BATCH = { total: 0, settled: 0, percent: 0 };
const RUNNING_LOOKUP: Record<string, boolean> = { hashing: true, signing: true, uploading: true, registering: true, delivering: true };

export function initialData(): TopData & { files: never[] } {
  return {
    files: [],
    texts: textsFor('zh-CN'),
    notices: [],
    summary: '',
    batch: NO_BATCH,
    waiting: 0,
    running: RUNNING_LOOKUP,
  };
}

let instances = 0;

export class Uploader {
  private readonly queue: UploadQueue;
  private readonly view: ViewSync;
  private locale: Locale;
  private picking = false;
  private detached = false;
  /** Refusals of the last choice, kept as facts so a locale change can re-word them. */
  private rejections: Array<RejectDetail & { reason: RejectReason }> = [];
  private summary: BatchSummary | null = null;

  constructor(private readonly host: Host) {
    const initial = initialData();
    this.locale = 'zh-CN';
    this.queue = new UploadQueue({
      uploadOptions: () => uploadOptionsOf(this.host.props()),
      concurrency: host.props().concurrency,
      upload: uploadResource,
      idPrefix: `ru${++instances}-`,
      // Files wait while the app is hidden or offline; listened to only while uploads are due.
      lifecycle: createWechatLifecycle(),
    });
    this.view = new ViewSync(
      { files: () => this.queue.files, top: () => this.top() },
      (patch) => {
        if (!this.detached) this.host.setData(patch);
      },
      undefined,
      { notices: initial.notices, summary: initial.summary, batch: initial.batch, waiting: initial.waiting, texts: initial.texts },
    );
    this.listen();
    this.setLocale(host.props().locale);
  }

  // ——— SPEC methods ———

  /** Opens the chooser; a second call while it is open does nothing. */
  async choose(): Promise<void> {
    const props = this.host.props();
    if (this.picking || this.detached || props.disabled) return;
    this.picking = true;
    const restrictions = restrictionsOf(props);
    let picked: PickedFile[] | null;
    try {
      picked = await pickFiles({ accept: normalizeAccept(props.accept), count: restrictions.maxCount, extensions: restrictions.extensions });
    } finally {
      this.picking = false;
    }
    if (!picked || this.detached) return;
    const { accepted, rejected } = screenFiles(picked, restrictions, this.locale);
    this.rejections = rejected.map((r) => ({ reason: r.reason, name: r.name, size: r.size, maxSize: restrictions.maxSize, maxCount: restrictions.maxCount, extensions: restrictions.extensions }));
    for (const r of rejected) this.host.triggerEvent('reject', rejectDetail(r));
    this.view.touchTop();
    if (accepted.length) this.queue.add(accepted, !!this.host.props().autoUpload);
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
    this.queue.remove(id);
  }

  clear(): void {
    this.queue.clear();
  }

  // ——— property changes ———

  setLocale(value: unknown): void {
    const locale = normalizeLocale(value);
    if (locale === this.locale) return;
    this.locale = locale;
    this.view.touchTop();
  }

  setConcurrency(value: unknown): void {
    this.queue.setConcurrency(value);
  }

  /** The page is leaving: stop what is in flight, and never touch the view again. */
  detach(): void {
    this.detached = true;
    this.view.close();
    this.queue.destroy();
  }

  // ——— queue → events and view ———

  private listen(): void {
    const q = this.queue;
    q.on('add', ({ files }) => {
      this.summary = null;
      this.host.triggerEvent('select', { files: files.map((f) => ({ id: f.id, name: f.name, size: f.size })) });
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
      this.host.triggerEvent('fail', { id: file.id, name: file.name, code: error.code, message: error.message, requestId: error.requestId, retryable: error.retryable });
    });
    q.on('remove', ({ file }) => {
      this.host.triggerEvent('remove', { id: file.id });
      this.view.touchList();
    });
    q.on('complete', (summary) => {
      this.summary = summary;
      this.host.triggerEvent('complete', { succeeded: summary.succeeded, failed: summary.failed });
      this.view.touchTop();
    });
  }

  private top(): Omit<TopData, 'running'> {
    const locale = this.locale;
    const { total, settled, open } = this.queue.batchStatus;
    return {
      texts: textsFor(locale),
      notices: this.rejections.map((r) => rejectMessage(r.reason, locale, r)),
      summary: this.summary && !open ? summaryText(locale, this.summary) : '',
      // One file has its own bar; a batch bar starts to mean something from two.
      batch: total > 1 ? { total, settled, percent: Math.round((100 * settled) / total) } : NO_BATCH,
      waiting: this.queue.files.filter((f) => f.state === 'waiting').length,
    };
  }
}

function rejectDetail(r: Rejection): Rejection {
  return { name: r.name, size: r.size, reason: r.reason, message: r.message };
}
