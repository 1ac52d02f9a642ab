/**
 * The component's public types: what a host's page code sees of `<resource-uploader>` (event
 * details, the methods of `selectComponent`, the `files` property). Exported from the package
 * entry and from the component's own `index.d.ts`. `ResourceUploaderProperties` lives beside the
 * list it is derived from, in props.ts.
 */
import type { ErrorCode } from '../core';
import type { Locale } from '../core';
import type { UploadPhase, UploadResult } from '../core';

export type { ErrorCode, Locale, UploadPhase };

/** What `accept` takes. */
export type Accept = 'file' | 'image' | 'video' | 'media' | 'all';

/** Why a chosen file was refused before any network call. */
export type RejectReason = 'max-size' | 'min-size' | 'extension' | 'max-count' | 'resource-name' | 'host';

/** A file the host already has (the `files` property): shown as done, removable, counted in `max-count`. */
export interface HostFile {
  name: string;
  size?: number;
  resourceName?: string;
  /** A URL or local path to preview (thumbnail for images, play for audio). */
  url?: string;
  /**
   * Stored files (SPEC 0.3): with `resourceVer` and no `url`, the file an upload stored under this
   * name (`success`'s `userResourceName`); a tap on its preview or play control asks
   * `getResourceDownloadUrl` for its URL with the component's `product-id`, `access-token` and `endpoint`.
   */
  userResourceName?: string;
  /** The stored file's version (`success`'s `resourceVer`); needed with `userResourceName`. */
  resourceVer?: string;
}

/** A chosen file, as `select` and `before-upload` show it. */
export interface ChosenFile {
  id: string;
  name: string;
  size: number;
  /** The temp file path, for the host's own preview. */
  path: string;
}

/** `bind:select`: files that entered the list. */
export interface SelectDetail {
  files: ChosenFile[];
}

/** `bind:reject`: one file refused before any network call. */
export interface RejectDetail {
  name: string;
  size: number;
  reason: RejectReason;
  /** In the component's locale. */
  message: string;
}

/** `bind:progress` */
export interface ProgressDetail {
  id: string;
  name: string;
  phase: UploadPhase;
  percent: number;
}

/** `bind:success`: the upload's result (`path` is the temp file path, `delivery` only with `device-id`), with the row's id. */
export interface SuccessDetail extends UploadResult {
  id: string;
}

/** `bind:fail`: the file stays in the list and can be retried. */
export interface FailDetail {
  id: string;
  name: string;
  code: ErrorCode;
  message: string;
  /** '' when no server answered. */
  requestId: string;
  retryable: boolean;
}

/** `bind:complete`: once a batch settles. */
export interface CompleteDetail {
  succeeded: number;
  failed: number;
}

/** `bind:remove`. For one of the host's `files`, `id` is `host-<index in files>` (see `hostFileIndex`). */
export interface RemoveDetail {
  id: string;
}

/** Codes of the `error` event that belong to the component itself. */
export type ComponentErrorCode = 'ChooseFailed' | 'InvalidOption';

/** `bind:error`: a failure that belongs to no file. */
export interface ErrorDetail {
  /** A stored host file whose URL could not be had: that failure's code (e.g. `InvalidParameterValue.ResourceNotExist`). */
  code: ComponentErrorCode | ErrorCode;
  /** In the component's locale; also shown in the component. */
  message: string;
  /** WeChat's own text for `ChooseFailed` (e.g. a privacy refusal); '' otherwise. */
  errMsg: string;
}

/** `bind:before-upload` (with `use-before-upload`): call `callback(false)` to refuse the choice. */
export interface BeforeUploadDetail {
  files: ChosenFile[];
  callback(ok: boolean): void;
}

/** The methods of `this.selectComponent('#uploader')`. */
export interface ResourceUploaderInstance {
  /** Opens the chooser; resolves when it closes. Does nothing while disabled, full or misconfigured. */
  choose(): Promise<void>;
  /** Starts the files waiting (with `auto-upload` off). */
  upload(): void;
  /** Uploads one failed or cancelled file again, or every failed one. */
  retry(id?: string): void;
  /** Stops one file, or every file not yet settled. */
  abort(id?: string): void;
  /** Takes a file off the list (stopping it first). */
  remove(id: string): void;
  /** Empties the list of chosen files (the host's `files` are the host's to change). */
  clear(): void;
}
