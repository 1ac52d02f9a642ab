/**
 * `wx.request`, `wx.getFileSystemManager` and the life cycle, patched onto miniprogram-simulate's
 * global `wx` and carried out by a real platform (the Node one): the component's unchanged WeChat
 * binding then talks real HTTP to the emulator and reads real files on disk. The WeChat shapes are
 * the testing entry's (`host-testing/wx-over-platform.ts`); this adds the simulated phone's
 * hide/show and network for the reliability tests. Choosers are left to whoever patched them (FakeWx).
 */
import type { Platform } from '../../components/core';
import { wxFileSystemManager, wxGetNetworkType, wxRequest } from '../../host-testing/wx-over-platform';

type WxTable = Record<string, unknown>;

const LIFECYCLE = ['onAppHide', 'offAppHide', 'onAppShow', 'offAppShow', 'onNetworkStatusChange', 'offNetworkStatusChange'] as const;
const PATCHED = ['request', 'getFileSystemManager', 'getNetworkType', ...LIFECYCLE] as const;

/** Patches the global `wx` (simulate's, possibly already patched by FakeWx); returns the undo. */
export function bridgeWx(platform: Platform): () => void {
  const wx = (globalThis as unknown as { wx?: WxTable }).wx;
  if (!wx) throw new Error('no global wx: load miniprogram-simulate first');
  const saved: WxTable = {};
  for (const name of PATCHED) saved[name] = wx[name];
  wx.request = (o: Parameters<typeof wxRequest>[1]) => wxRequest(platform, o);
  wx.getFileSystemManager = () => wxFileSystemManager(platform);
  // App hide/show and the network, from the platform's (simulated) phone when it has one.
  const lifecycle = platform.lifecycle;
  if (lifecycle) {
    for (const name of LIFECYCLE) wx[name] = (fn: never) => lifecycle[name](fn);
    wx.getNetworkType = (o: Parameters<typeof wxGetNetworkType>[1]) => wxGetNetworkType(platform, o);
  }
  return () => {
    for (const name of PATCHED) {
      if (saved[name] === undefined) delete wx[name];
      else wx[name] = saved[name];
    }
  };
}
