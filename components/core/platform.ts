/**
 * The only door from the core to the outside world. WeChat, Node (tests, benchmarks)
 * and the browser playground each implement it; the core never touches `wx` itself.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface PlatformRequest {
  url: string;
  method: HttpMethod;
  /** Header names as the core writes them (lower-case). */
  headers: Record<string, string>;
  /** JSON text for the token API, the file's bytes for the PUT. Sent as is, never re-encoded. */
  body?: string | ArrayBuffer;
  timeoutMs: number;
}

export interface PlatformResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as text; the core parses JSON and XML itself so it can tell garbage apart. */
  body: string;
}

/**
 * Why a request produced no HTTP answer. `aborted` only when the package called `abort()` itself;
 * `domain`: the host is not on WeChat's request domain list; `interrupted`: WeChat cut it after 5 s
 * in the background.
 */
export type TransportFailure = 'network' | 'timeout' | 'aborted' | 'domain' | 'interrupted';

export class TransportError extends Error {
  constructor(readonly kind: TransportFailure, detail: string) {
    super(detail);
    this.name = 'TransportError';
  }
}

export interface PlatformRequestTask {
  /** Settles with any HTTP status (4xx and 5xx included); rejects only with `TransportError`. */
  response: Promise<PlatformResponse>;
  abort(): void;
}

export interface FileInfo {
  size: number;
  /** Hex MD5 of the file's bytes, in either case (the core lower-cases it). */
  md5: string;
}

export interface Platform {
  request(req: PlatformRequest): PlatformRequestTask;
  /** The whole file as one ArrayBuffer; the core calls it once per upload. */
  readFile(path: string): Promise<ArrayBuffer>;
  /** Size and MD5, computed by the platform (natively on WeChat) without handing bytes to JS. */
  fileInfo(path: string): Promise<FileInfo>;
  /** The size alone, cheaply (a stat). Optional: with it the read can start beside the hash. */
  fileSize?(path: string): Promise<number>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Cryptographically strong random bytes when the platform has them; Math.random otherwise. */
  randomBytes?(n: number): Uint8Array;
  /** App hide/show and network status; absent: always foreground and online. */
  lifecycle?: PlatformLifecycle;
}

// ——— the life cycle a platform reports (optional: `platform.lifecycle`) ———
// The app going to the background and back, and the network coming and going; a platform without
// it is always "foreground, online". Shaped after WeChat's `wx.onAppHide` / `wx.onNetworkStatusChange`
// (platform-facts §5), so the WeChat binding is a thin pass-through.

export interface NetworkStatus {
  isConnected: boolean;
  /** WeChat's `networkType`: 'wifi', '4g', …, 'none' when offline, 'unknown'. */
  networkType: string;
}

export type AppVisibilityListener = () => void;
export type NetworkStatusListener = (status: NetworkStatus) => void;

export interface PlatformLifecycle {
  onAppHide(fn: AppVisibilityListener): void;
  offAppHide(fn: AppVisibilityListener): void;
  onAppShow(fn: AppVisibilityListener): void;
  offAppShow(fn: AppVisibilityListener): void;
  onNetworkStatusChange(fn: NetworkStatusListener): void;
  offNetworkStatusChange(fn: NetworkStatusListener): void;
  /** Resolves with the current network type ('none' when offline); rejects when it cannot tell. */
  getNetworkType(): Promise<string>;
}
