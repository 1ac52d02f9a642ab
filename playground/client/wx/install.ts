/**
 * The browser platform: patches simulate's global `wx` with working versions of what the package
 * and vant call (requests, file reads, choosers, toasts and modals, system info). Everything else
 * stays simulate's.
 */
import { pgWindow } from '../globals';
import { chooseImage, chooseMedia, chooseMessageFile, chooseVideo } from './choosers';
import { patchFileSystemManager } from './file-system';
import { createInnerAudioContext, previewImage, previewMedia } from './media';
import { hideLoading, hideToast, showLoading, showModal, showToast } from './overlays';
import { phone } from './phone';
import { request } from './request';
import { Screen, systemInfoApis } from './system-info';

export function installBrowserWx(screen: Screen, sdkVersion: string): void {
  const wx = pgWindow.wx;
  if (!wx || typeof wx !== 'object') throw new Error('no global wx: load miniprogram-simulate first');
  patchFileSystemManager((wx.getFileSystemManager as () => Record<string, unknown>)());
  Object.assign(wx, {
    // Requests obey the phone: background and offline (the panel's buttons).
    request: phone.gate(request as never),
    ...phone.wxApis(),
    chooseMessageFile,
    chooseMedia,
    chooseImage,
    chooseVideo,
    showToast,
    hideToast,
    showLoading,
    hideLoading,
    showModal,
    previewMedia,
    previewImage,
    createInnerAudioContext,
    ...systemInfoApis(screen, sdkVersion),
  });
}
