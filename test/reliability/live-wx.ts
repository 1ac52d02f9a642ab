/**
 * A phone for the mounted component whose network and files are real: FakeWx's choosers (scripted
 * picks) plus `wx.request` / `wx.getFileSystemManager` bridged onto a Node platform, so uploads
 * go over loopback HTTP to the emulator. Used by the soak test and by `npm run bench`.
 */
import { createNodePlatform, NodePlatform, NodePlatformOptions } from '../../node-platform';
import { FakeWx, PickedTemp } from '../support/fake-wx';
import type { Mounted } from '../support/mount-uploader';
import { tapVantButton } from '../support/mount-uploader';
import { bridgeWx } from './wx-bridge';

export class LiveWx {
  /** Scripts what the user picks. Its own scripted cloud stays unused. */
  readonly chooser = new FakeWx();
  readonly platform: NodePlatform;
  private readonly unbridge: () => void;

  constructor(options: NodePlatformOptions = {}) {
    this.platform = createNodePlatform(options);
    this.unbridge = bridgeWx(this.platform);
  }

  restore(): void {
    this.unbridge();
    this.chooser.restore();
  }
}

/** Picks these files through the component's own button and resolves when their batch completes. */
export async function pickAndUpload(m: Mounted, live: LiveWx, files: PickedTemp[], timeoutMs = 30000): Promise<void> {
  const completes = m.of('complete').length;
  live.chooser.nextPick({ files });
  // The trigger shows only while the list has room (max-count is its size): a removal shows it at the next flush.
  await m.until(() => !!m.uploader.querySelector('.ru-choose'), 'the trigger (room in the list)');
  tapVantButton(m.uploader, '.ru-choose');
  await m.until(() => m.of('complete').length > completes, 'complete', timeoutMs);
}
