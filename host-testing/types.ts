/**
 * The public types of `iotexplorer-resource-uploader/testing`. They import nothing, so the shipped
 * declarations stand alone (no Node or WeChat typings needed to read them).
 */

// ---- startEmulator -------------------------------------------------------------------------

export interface TestEmulatorOptions {
  /** The access token it accepts; default a random one. */
  accessToken?: string;
  /** The product that token may upload to; default `EMUPRODUCT`. */
  productId?: string;
  /** Port on 127.0.0.1; default 0, any free port. */
  port?: number;
}

/** A file the emulator's bucket holds. */
export interface StoredFile {
  key: string;
  size: number;
  /** Lower-case hex MD5 of the stored bytes. */
  md5: string;
}

/** A local IoT Explorer token API and COS bucket, on 127.0.0.1. */
export interface TestEmulator {
  /** The token API URL: give it to `endpoint` (the component) or `endpoint` (uploadResource). */
  readonly endpoint: string;
  readonly accessToken: string;
  readonly productId: string;
  /** What the bucket holds now, oldest first. */
  objects(): Promise<StoredFile[]>;
  /** Stops the server and removes what it stored. */
  close(): Promise<void>;
}

// ---- createTestWx --------------------------------------------------------------------------

/** A file on disk; `name` defaults to the path's last segment, `size` to the file's own size. */
export interface DiskFile {
  path: string;
  name?: string;
  size?: number;
}

/** Bytes in memory, served as `wxfile://tmp/<name>` (a string is taken as UTF-8). */
export interface MemoryFile {
  name: string;
  data: Uint8Array | ArrayBuffer | string;
}

export type TestFile = DiskFile | MemoryFile;

export interface TestWxOptions {
  /** What the user picks: every chooser returns these, at most its `count`. None: every chooser is cancelled. */
  files?: TestFile[];
}

export type WxResult = Record<string, unknown>;

export interface WxCallbacks {
  success?: (res: never) => void;
  fail?: (res: never) => void;
  complete?: (res: never) => void;
}

export interface WxRequestOptions extends WxCallbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, unknown>;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

/** What `wx.request` returns: only `abort` does anything here (no chunked transfer, no header events). */
export interface WxRequestTask {
  abort(): void;
  onHeadersReceived(listener: (res: WxResult) => void): void;
  offHeadersReceived(listener?: (res: WxResult) => void): void;
  onChunkReceived(listener: (res: WxResult) => void): void;
  offChunkReceived(listener?: (res: WxResult) => void): void;
}

export interface WxFileOptions extends WxCallbacks {
  filePath: string;
  encoding?: string;
  digestAlgorithm?: string;
}

export interface WxStatOptions extends WxCallbacks {
  path: string;
}

/** The part of `wx.getFileSystemManager()` the package uses. */
export interface WxFileSystemManager {
  readFile(options: WxFileOptions): void;
  getFileInfo(options: WxFileOptions): void;
  stat(options: WxStatOptions): void;
}

export interface WxChooserOptions extends WxCallbacks {
  count?: number;
  [option: string]: unknown;
}

/**
 * The `wx` functions the package calls. None needs `this`: assign them onto miniprogram-simulate's
 * global `wx` (`Object.assign(wx, createTestWx({files}))`), or make them the global `wx` of a
 * plain Node test.
 */
export interface TestWx {
  /** Real HTTP, to loopback hosts only: any other host fails as one missing from the domain list does. */
  request(options: WxRequestOptions): WxRequestTask;
  /** Reads and hashes the given files (memory or disk), and any other file on disk. */
  getFileSystemManager(): WxFileSystemManager;
  chooseMessageFile(options: WxChooserOptions): void;
  chooseMedia(options: WxChooserOptions): void;
  chooseImage(options: WxChooserOptions): void;
  chooseVideo(options: WxChooserOptions): void;
  /** Always `wifi`: the app stays in the foreground and online. */
  getNetworkType(options: WxCallbacks): void;
  onAppHide(listener: () => void): void;
  offAppHide(listener: () => void): void;
  onAppShow(listener: () => void): void;
  offAppShow(listener: () => void): void;
  onNetworkStatusChange(listener: (status: { isConnected: boolean; networkType: string }) => void): void;
  offNetworkStatusChange(listener: (status: { isConnected: boolean; networkType: string }) => void): void;
}
