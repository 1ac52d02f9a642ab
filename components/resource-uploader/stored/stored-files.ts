/**
 * Host `files` stored by name (`userResourceName` + `resourceVer`, no `url`, SPEC 0.3): the URL
 * that previews or plays one is asked for on the first tap (`getResourceDownloadUrl`, with the
 * component's product, token and endpoint), reused while it is valid and asked for again once it
 * has expired. A failure stays on its row, worded when drawn, and is an `error` event.
 */
import { getResourceDownloadUrl, messageFor, UploadError } from '../../core';
import type { DownloadUrlTask } from '../../core';
import type { ComponentHost } from '../props';
import { hostFileIndex } from '../select';
import type { HostFile } from '../types';

/** Seconds an issued URL is asked to stay valid: a listening session, not a lasting link. */
export const STORED_URL_SECONDS = 3600;
/** A URL this close to its end is asked for again: the player may fetch it seconds after the tap. */
export const EXPIRY_MARGIN_MS = 60000;

/**
 * A host entry to be opened through a download URL: a name and a version, and no `url` of its own.
 * Only entries host-files.ts kept are asked about: their fields are strings or absent.
 */
export function isStoredFile(f: HostFile | undefined): f is StoredFile {
  return !!f && !f.url && !!f.userResourceName && !!f.resourceVer;
}

export type StoredFile = HostFile & { userResourceName: string; resourceVer: string };

/** What a row's file is: a row id names another file once the host's `files` change. */
function fileKey(f: HostFile | undefined): string {
  return isStoredFile(f) ? f.userResourceName + '\n' + f.resourceVer : '';
}

/** What asking for a URL adds to a host row as drawn. */
export interface StoredFace {
  /** The URL is on its way. */
  fetching: boolean;
  /** Why the URL could not be had, in the component's locale; '' otherwise. */
  message: string;
}

export class StoredFiles {
  /** Issued URLs by endpoint, product, name and version, with the time they stop being used. */
  private readonly urls: Record<string, { url: string; until: number }> = {};
  /** By row id, the last call for its URL: the file it is about, and the call in flight or its failure. */
  private rowCalls: Record<string, { file: string; task?: DownloadUrlTask; error?: UploadError } | undefined> = {};

  /** `host.changed()`: a row's look changed (asking, failed). */
  constructor(private readonly host: ComponentHost) {}

  /** Calls `use` with the file's URL: at once when a valid one is known, else once one is issued (one ask per row at a time). */
  url(rowId: string, file: StoredFile, use: (url: string) => void): void {
    const call = this.rowCalls[rowId];
    if (call && call.task) return;
    const p = this.host.props;
    const thisFile = fileKey(file);
    const key = this.urlKey(file);
    const known = this.urls[key];
    const now = Date.now();
    if (known && now < known.until) return use(known.url);
    const task = getResourceDownloadUrl({
      productId: p.productId,
      accessToken: p.accessToken,
      // The core reads an empty endpoint as the default; failures are worded when shown.
      endpoint: p.endpoint,
      userResourceName: file.userResourceName,
      resourceVer: file.resourceVer,
      effectiveTime: STORED_URL_SECONDS,
    });
    // Replaces the row's last failure, if any.
    const asked = { file: thisFile, task };
    this.rowCalls[rowId] = asked;
    this.host.changed();
    /** False when the row no longer waits for this answer (its file changed, the component left: `close`). */
    const settle = (): boolean => {
      if (this.rowCalls[rowId] !== asked) return false;
      delete this.rowCalls[rowId];
      this.host.changed();
      return true;
    };
    task.then(
      (issued) => {
        // Counted from the ask, not the answer: the service's clock started no later than that.
        this.urls[key] = { url: issued.url, until: now + STORED_URL_SECONDS * 1000 - EXPIRY_MARGIN_MS };
        if (settle()) use(issued.url);
      },
      (err: unknown) => {
        if (!settle()) return;
        const error = err instanceof UploadError ? err : UploadError.of('ClientError');
        this.rowCalls[rowId] = { file: asked.file, error };
        this.host.emit('error', { code: error.code, message: messageFor(error.code, this.host.locale, error.detail), errMsg: '' });
      },
    );
  }

  /** The file's URL did not open (the player failed on it): the next tap asks for a new one. */
  drop(file: StoredFile): void {
    delete this.urls[this.urlKey(file)];
  }

  private urlKey(file: StoredFile): string {
    const p = this.host.props;
    return [p.endpoint, p.productId, fileKey(file)].join('\n');
  }

  /** The host rows with their asking state and failure, worded in `locale`. */
  rows<Row extends { id: string }>(rows: Row[], locale: string): Array<Row & StoredFace> {
    return rows.map((row) => {
      const { task, error } = this.rowCalls[row.id] || {};
      return { ...row, fetching: !!task, message: error ? messageFor(error.code, locale, error.detail) : '' };
    });
  }

  /**
   * The host's `files` were set (WeChat sets them again on every render of the host's binding):
   * rows whose file changed lose their failure and their wait. Issued URLs stay good.
   */
  forget(files: HostFile[]): void {
    for (const id of Object.keys(this.rowCalls)) if (this.rowCalls[id]!.file !== fileKey(files[hostFileIndex(id)])) delete this.rowCalls[id];
  }

  /** The component is gone: stop what is in flight, and never call back (no row waits any more). */
  close(): void {
    for (const id of Object.keys(this.rowCalls)) {
      const { task } = this.rowCalls[id]!;
      if (task) task.abort();
    }
    this.rowCalls = {};
  }
}
