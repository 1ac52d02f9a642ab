/**
 * WeChat's client, as far as the component touches it, patched onto miniprogram-simulate's global
 * `wx` and backed by the same scripted cloud as `FakePlatform` (its files, its answers, its
 * records). Faithful to platform-facts.md: `wx.request` calls `success` for every HTTP status and
 * `fail` with an errMsg, `RequestTask.abort()` fails the call with "request:fail abort", file reads
 * return one ArrayBuffer, `getFileInfo` hashes natively, `chooseMedia` gives paths but no names.
 */
import { ChooserApi, chooserCancelled, chooserResult, PickedFile } from '../../host-testing/chooser-results';
import type { WxRequestOptions, WxRequestTask } from '../../host-testing/types';
import { wxRequest } from '../../host-testing/wx-over-platform';
import { FakePlatform } from './fake-platform';

/** What a chooser hands back in its `tempFiles` (the testing entry's shapes). */
export type PickedTemp = PickedFile;

/** `tempFiles`: the chooser's entries verbatim, as an untrusted client may shape them. */
export type PickScript = { files: PickedTemp[] } | { tempFiles: unknown[] } | { cancel: true } | { errMsg: string };

export type Chooser = ChooserApi;
type Callbacks = { success?: (res: never) => void; fail?: (res: { errMsg: string }) => void; complete?: (res: unknown) => void };
type AnyFn = (...args: never[]) => unknown;
type WxTable = Record<string, unknown>;

export interface ChooserCall {
  api: Chooser;
  options: Record<string, unknown>;
}

const PATCHED = ['request', 'uploadFile', 'getFileSystemManager', 'chooseMessageFile', 'chooseMedia', 'chooseImage', 'chooseVideo'] as const;

function later(fn: () => void): void {
  setTimeout(fn, 0);
}

export class FakeWx {
  /** The cloud and the phone's files: script answers and read records here. */
  readonly cloud = new FakePlatform();
  readonly chooserCalls: ChooserCall[] = [];
  /** Raw `wx.request` options, as the package passed them. */
  readonly requestOptions: Array<Record<string, unknown>> = [];
  uploadFileCalls = 0;
  /** Requests not yet answered (a hanging PUT, say). */
  inFlight = 0;
  private readonly picks: PickScript[] = [];
  /** Resolves the chooser the user is looking at, when a test holds it open. */
  private heldPick: ((script: PickScript) => void) | null = null;
  private holdNext = false;
  private saved: Record<string, unknown> = {};
  private readonly wx: WxTable;

  /** `missing`: choosers this client lacks (chooseMessageFile inside plugins, say). */
  constructor(options: { chooseMedia?: boolean; missing?: Chooser[] } = {}) {
    const wx = (globalThis as unknown as { wx?: WxTable }).wx;
    if (!wx) throw new Error('no global wx: load miniprogram-simulate first');
    this.wx = wx;
    for (const name of PATCHED) this.saved[name] = wx[name];
    wx.request = (o: WxRequestOptions) => this.request(o);
    wx.uploadFile = () => {
      // SPEC: never wx.uploadFile (it cannot PUT). Counted so a test can prove it.
      this.uploadFileCalls++;
      throw new Error('wx.uploadFile must not be used');
    };
    wx.getFileSystemManager = () => this.fileSystemManager();
    wx.chooseMessageFile = (o: Record<string, unknown> & Callbacks) => this.choose('chooseMessageFile', o);
    wx.chooseImage = (o: Record<string, unknown> & Callbacks) => this.choose('chooseImage', o);
    wx.chooseVideo = (o: Record<string, unknown> & Callbacks) => this.choose('chooseVideo', o);
    // PC WeChat and iOS WeCom have no chooseMedia at all.
    if (options.chooseMedia === false) delete wx.chooseMedia;
    else wx.chooseMedia = (o: Record<string, unknown> & Callbacks) => this.choose('chooseMedia', o);
    for (const api of options.missing || []) delete wx[api];
  }

  /** Puts a file on the phone (a chat file or a photo), with these bytes. */
  addFile(path: string, bytes: Uint8Array): PickedTemp {
    this.cloud.addFile(path, bytes);
    return { path, size: bytes.byteLength };
  }

  /** What the next chooser returns. */
  nextPick(script: PickScript): this {
    this.picks.push(script);
    return this;
  }

  /** Keeps the next chooser open until `release` (the user is still looking at it). */
  holdPick(): void {
    this.holdNext = true;
  }

  release(script: PickScript): void {
    const fn = this.heldPick;
    this.heldPick = null;
    if (!fn) throw new Error('no chooser is open');
    fn(script);
  }

  restore(): void {
    for (const name of PATCHED) {
      if (this.saved[name] === undefined) delete this.wx[name];
      else this.wx[name] = this.saved[name];
    }
  }

  private choose(api: Chooser, o: Record<string, unknown> & Callbacks): void {
    this.chooserCalls.push({ api, options: { ...o } });
    const answer = (script: PickScript): void => {
      if ('tempFiles' in script) {
        // The entries verbatim, as an untrusted client may shape them (SPEC 0.3 "Choosers").
        const res = { errMsg: `${api}:ok`, tempFiles: script.tempFiles };
        if (o.success) (o.success as (r: unknown) => void)(res);
        if (o.complete) o.complete(res);
        return;
      }
      const ok = 'files' in script;
      const res = 'files' in script ? chooserResult(api, script.files) : { errMsg: 'cancel' in script ? chooserCancelled(api) : script.errMsg };
      const settle = (ok ? o.success : o.fail) as ((r: unknown) => void) | undefined;
      if (settle) settle(res);
      if (o.complete) o.complete(res);
    };
    if (this.holdNext) {
      this.holdNext = false;
      this.heldPick = answer;
      return;
    }
    const script = this.picks.shift();
    if (!script) throw new Error(`${api} called, but the test scripted no pick`);
    later(() => answer(script));
  }

  /** WeChat's `wx.request` over the scripted cloud, counting what is not answered yet. */
  private request(o: WxRequestOptions): WxRequestTask {
    this.requestOptions.push(o as unknown as Record<string, unknown>);
    this.inFlight++;
    let settled = false;
    const settling =
      (fn: ((res: never) => void) | undefined) =>
      (res: never): void => {
        if (!settled) {
          settled = true;
          this.inFlight--;
        }
        if (fn) fn(res);
      };
    return wxRequest(this.cloud, { ...o, success: settling(o.success), fail: settling(o.fail) });
  }

  private fileSystemManager(): WechatMiniprogram.FileSystemManager {
    const cloud = this.cloud;
    type Opts = { filePath: string; encoding?: string; digestAlgorithm?: string; success?: AnyFn; fail?: AnyFn; complete?: AnyFn };
    const call = (o: Opts, work: () => Promise<Record<string, unknown>>, api: string): void => {
      work().then(
        (res) => later(() => (o.success as ((r: unknown) => void) | undefined)?.({ errMsg: `${api}:ok`, ...res })),
        (err: Error) => later(() => (o.fail as ((r: unknown) => void) | undefined)?.({ errMsg: `${api}:fail ${err.message}` })),
      );
    };
    return {
      readFile: (o: Opts) => {
        if (o.encoding) throw new Error('the package must read bytes (no encoding)');
        call(o, async () => ({ data: await cloud.readFile(o.filePath) }), 'readFile');
      },
      getFileInfo: (o: Opts) => {
        call(
          o,
          async () => {
            const info = await cloud.fileInfo(o.filePath);
            // WeChat's digest; sha1 is the other choice and would not match an MD5.
            if ((o.digestAlgorithm || 'md5') !== 'md5') throw new Error('only md5 is scripted');
            return { size: info.size, digest: info.md5 };
          },
          'getFileInfo',
        );
      },
    } as unknown as WechatMiniprogram.FileSystemManager;
  }
}
