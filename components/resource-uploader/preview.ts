/**
 * Previews: which files get a thumbnail or a play button, full-screen preview on tap, and one
 * audio player for the whole app (two ringtones never play over each other).
 */
import { contentTypeFor } from '../core';

export type FileKind = 'image' | 'video' | 'audio' | 'file';

/** The content type's top-level part, when it is one the list previews or plays. */
export function kindOf(name: string): FileKind {
  const kind = contentTypeFor(name).split('/')[0];
  return kind === 'image' || kind === 'video' || kind === 'audio' ? kind : 'file';
}

/** What an `<image>` shows for a file: the image itself, a video's cover, or '' (an icon). */
export function thumbnailOf(kind: FileKind, path: string, cover?: string): string {
  return kind === 'image' ? path : (kind === 'video' && cover) || '';
}

/** Full screen: `wx.previewMedia` (images and videos), else `wx.previewImage` (images only). `path` is never empty: a chosen file's, or a host file's usable URL. */
export function openPreview(kind: FileKind, path: string): void {
  if (kind !== 'image' && kind !== 'video') return;
  if (typeof wx.previewMedia === 'function') wx.previewMedia({ sources: [{ url: path, type: kind }], current: 0, fail: () => undefined });
  else if (kind === 'image' && typeof wx.previewImage === 'function') wx.previewImage({ urls: [path], current: path, fail: () => undefined });
}

/** Told when its sound stops, whoever stopped it (the end, another sound, an error, a detach). */
export interface Listener {
  /** `failed`: the player could not play it (a URL that no longer opens, say). */
  stopped(key: string, failed: boolean): void;
}

/**
 * The app's one `InnerAudioContext`, made on first use. Starting a sound stops the one before it
 * and tells its owner; an owner that goes away stops its own sound.
 */
class SharedAudio {
  private innerAudio: WechatMiniprogram.InnerAudioContext | null = null;
  private nowPlaying: { owner: Listener; key: string } | null = null;

  play(owner: Listener, key: string, src: string): boolean {
    if (!this.innerAudio) {
      if (typeof wx.createInnerAudioContext !== 'function') return false;
      const ctx = wx.createInnerAudioContext();
      // Play even when the phone is on silent: the user tapped play to hear the ringtone.
      try {
        ctx.obeyMuteSwitch = false;
      } catch {
        // Read-only on some clients.
      }
      ctx.onEnded(() => this.soundEnded());
      ctx.onError(() => this.soundEnded(true));
      this.innerAudio = ctx;
    }
    this.stopCurrent();
    this.nowPlaying = { owner, key };
    this.innerAudio.src = src;
    this.innerAudio.play();
    return true;
  }

  /** Stops the sound when it is this owner's (any of its sounds when no key is given). */
  stop(owner: Listener, key?: string): void {
    if (this.isPlaying(owner, key)) this.stopCurrent();
  }

  /** Whether this owner's sound `key` plays (any of its sounds when no key is given). */
  isPlaying(owner: Listener, key?: string): boolean {
    const now = this.nowPlaying;
    return !!now && now.owner === owner && (key === undefined || now.key === key);
  }

  private stopCurrent(): void {
    if (this.innerAudio) this.innerAudio.stop();
    this.soundEnded();
  }

  /** The sound is over, however it ended: its owner hears of it once. */
  private soundEnded(failed = false): void {
    const was = this.nowPlaying;
    this.nowPlaying = null;
    if (was) was.owner.stopped(was.key, failed);
  }
}

export const sharedAudio = new SharedAudio();
