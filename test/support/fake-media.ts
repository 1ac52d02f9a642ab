/**
 * WeChat's preview and audio APIs, recorded: `wx.previewMedia`, `wx.previewImage` and
 * `wx.createInnerAudioContext` (whose context plays one `src` at a time and reports `onEnded`).
 * Patched onto simulate's global `wx` (TOOLCHAIN: patch, never replace) and restored after.
 */
type WxTable = Record<string, unknown>;
const PATCHED = ['previewMedia', 'previewImage', 'createInnerAudioContext'] as const;

export class FakeAudioContext {
  src = '';
  obeyMuteSwitch = true;
  /** 'play' / 'stop' / 'destroy', with the src at that moment. */
  readonly calls: Array<[string, string]> = [];
  paused = true;
  private readonly ended: Array<() => void> = [];
  private readonly errors: Array<(e: { errMsg: string; errCode: number }) => void> = [];

  play(): void {
    this.paused = false;
    this.calls.push(['play', this.src]);
  }
  stop(): void {
    this.paused = true;
    this.calls.push(['stop', this.src]);
  }
  pause(): void {
    this.paused = true;
    this.calls.push(['pause', this.src]);
  }
  destroy(): void {
    this.calls.push(['destroy', this.src]);
  }
  onEnded(fn: () => void): void {
    this.ended.push(fn);
  }
  onError(fn: (e: { errMsg: string; errCode: number }) => void): void {
    this.errors.push(fn);
  }
  /** The sound played to its end. */
  finish(): void {
    this.paused = true;
    for (const fn of this.ended) fn();
  }
  fail(errMsg = 'audio decode error'): void {
    this.paused = true;
    for (const fn of this.errors) fn({ errMsg, errCode: 10004 });
  }
}

export class FakeMedia {
  readonly previewMediaCalls: Array<Record<string, unknown>> = [];
  readonly previewImageCalls: Array<Record<string, unknown>> = [];
  readonly contexts: FakeAudioContext[] = [];
  private readonly saved: Record<string, unknown> = {};
  private readonly wx: WxTable;

  constructor(options: { previewMedia?: boolean } = {}) {
    const wx = (globalThis as unknown as { wx?: WxTable }).wx;
    if (!wx) throw new Error('no global wx: load miniprogram-simulate first');
    this.wx = wx;
    for (const name of PATCHED) this.saved[name] = wx[name];
    // Older clients have previewImage only.
    if (options.previewMedia === false) delete wx.previewMedia;
    else wx.previewMedia = (o: Record<string, unknown>) => void this.previewMediaCalls.push(o);
    wx.previewImage = (o: Record<string, unknown>) => void this.previewImageCalls.push(o);
    wx.createInnerAudioContext = () => {
      const ctx = new FakeAudioContext();
      this.contexts.push(ctx);
      return ctx;
    };
  }

  restore(): void {
    for (const name of PATCHED) {
      if (this.saved[name] === undefined) delete this.wx[name];
      else this.wx[name] = this.saved[name];
    }
  }
}

/**
 * One media fake for a whole spec file (the component keeps ONE audio context for the whole app),
 * its preview records emptied before each test. Returns a getter: the fake exists from beforeAll on.
 */
export function useFakeMedia(): () => FakeMedia {
  let media: FakeMedia;
  beforeAll(() => {
    media = new FakeMedia();
  });
  afterAll(() => media.restore());
  beforeEach(() => {
    media.previewMediaCalls.length = 0;
    media.previewImageCalls.length = 0;
  });
  return () => media;
}
