/**
 * `wx.previewMedia`, `wx.previewImage` and `wx.createInnerAudioContext` in the browser: a full-page
 * viewer for images and videos, and an `<audio>` element behind WeChat's audio context. Temp paths
 * (`wxfile://tmp_…`) play and show through object URLs of the picked files.
 */
import { Callbacks, settle } from './callbacks';
import { tempFile } from './temp-files';

const objectUrls = new Map<string, string>();

/** A URL the browser can load for a temp path (or the URL itself); `<image>` uses it too (mp/image.ts). */
export function browserUrl(path: string): string {
  if (!/^wxfile:/.test(path)) return path;
  const known = objectUrls.get(path);
  if (known) return known;
  const blob = tempFile(path);
  if (!blob) return '';
  const url = URL.createObjectURL(blob);
  objectUrls.set(path, url);
  return url;
}

/** The viewer covers the whole page; a tap anywhere closes it (WeChat: a tap on the picture). */
function showViewer(url: string, type: 'image' | 'video'): void {
  const layer = document.createElement('div');
  layer.className = 'pg-media-viewer';
  layer.setAttribute('role', 'dialog');
  layer.setAttribute('aria-label', 'Preview');
  Object.assign(layer.style, { position: 'fixed', inset: '0', zIndex: '1000', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'rgba(0,0,0,0.9)' });
  const media = document.createElement(type === 'video' ? 'video' : 'img');
  media.src = url;
  if (media instanceof HTMLVideoElement) {
    media.controls = true;
    media.autoplay = true;
  }
  Object.assign(media.style, { maxWidth: '100%', maxHeight: '100%' });
  layer.appendChild(media);
  layer.addEventListener('click', (e) => {
    if (e.target === layer || media instanceof HTMLImageElement) layer.remove();
  });
  document.body.appendChild(layer);
}

interface PreviewMediaOptions extends Callbacks<object> {
  sources?: Array<{ url: string; type?: 'image' | 'video' }>;
  current?: number;
}

export function previewMedia(o: PreviewMediaOptions = {}): Promise<object> | undefined {
  return settle('previewMedia', o, async () => {
    const source = (o.sources || [])[o.current || 0];
    const url = source ? browserUrl(source.url) : '';
    if (!url) throw { errMsg: 'previewMedia:fail invalid sources' };
    showViewer(url, source.type === 'video' ? 'video' : 'image');
    return {};
  });
}

interface PreviewImageOptions extends Callbacks<object> {
  urls?: string[];
  current?: string;
}

export function previewImage(o: PreviewImageOptions = {}): Promise<object> | undefined {
  return settle('previewImage', o, async () => {
    const url = browserUrl(o.current || (o.urls || [])[0] || '');
    if (!url) throw { errMsg: 'previewImage:fail invalid urls' };
    showViewer(url, 'image');
    return {};
  });
}

/** WeChat's InnerAudioContext, the parts the component uses, on one `<audio>` element. */
class BrowserAudioContext {
  obeyMuteSwitch = true;
  private readonly audio = new Audio();
  private source = '';

  get src(): string {
    return this.source;
  }

  set src(value: string) {
    this.source = value;
    this.audio.src = browserUrl(value);
  }

  get paused(): boolean {
    return this.audio.paused;
  }

  play(): void {
    // A refused autoplay or an unsupported format arrives as an error, as in WeChat.
    this.audio.play().catch(() => this.audio.dispatchEvent(new Event('error')));
  }

  pause(): void {
    this.audio.pause();
  }

  stop(): void {
    this.audio.pause();
    this.audio.currentTime = 0;
  }

  destroy(): void {
    this.stop();
    this.audio.removeAttribute('src');
  }

  onEnded(fn: () => void): void {
    this.audio.addEventListener('ended', () => fn());
  }

  onError(fn: (res: { errMsg: string; errCode: number }) => void): void {
    this.audio.addEventListener('error', () => fn({ errMsg: 'InnerAudioContext:fail', errCode: -1 }));
  }
}

export function createInnerAudioContext(): BrowserAudioContext {
  return new BrowserAudioContext();
}
