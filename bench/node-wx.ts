/**
 * One Node `wx` for every contender of the bench: a global `wx` whose `request` and file system
 * are the test suite's bridge (test/reliability/wx-bridge.ts) onto the Node platform, so this
 * package (through its own WeChat platform), cos-wx-sdk-v5 and the demo's upload all go through
 * the same calls. Requests are counted, and refused unless they go to loopback: a peer SDK must
 * never reach the internet from here. Everything else a peer might ask of `wx` is a quiet stub.
 */
import * as fs from 'fs';
import { createNodePlatform } from '../node-platform';
import { Platform, TransportError } from '../components/core';
import { bridgeWx } from '../test/reliability/wx-bridge';

export interface NodeWx {
  /** Requests started since install (refused ones included). */
  readonly requests: number;
  /** Requests refused because they did not go to 127.0.0.1. */
  readonly refused: string[];
  /** The platform under the bridge, for the MD5 pass and bare reads. */
  readonly platform: Platform;
  restore(): void;
}

const noop = (): void => undefined;

const STUBS: Record<string, unknown> = {
  canIUse: () => false,
  getStorageSync: () => '',
  setStorageSync: noop,
  removeStorageSync: noop,
  getNetworkType: (o: { success?: (r: object) => void }) => o && o.success && o.success({ networkType: 'wifi' }),
  onAppHide: noop,
  offAppHide: noop,
  onAppShow: noop,
  offAppShow: noop,
  onNetworkStatusChange: noop,
  offNetworkStatusChange: noop,
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
  getSystemInfoSync: () => ({ SDKVersion: '3.0.0', platform: 'devtools' }),
};

export function installNodeWx(): NodeWx {
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  if (g.wx) throw new Error('a global wx is already installed');
  const node = createNodePlatform();
  const state = { requests: 0, refused: [] as string[] };
  const platform: Platform = {
    ...node,
    request(req) {
      state.requests++;
      if (!/^http:\/\/127\.0\.0\.1[:/]/.test(req.url)) {
        state.refused.push(req.url.replace(/\?.*$/, ''));
        return { response: Promise.reject(new TransportError('network', 'refused: the bench talks to loopback only')), abort: noop };
      }
      return node.request(req);
    },
  };
  g.wx = { ...STUBS };
  const unbridge = bridgeWx(platform);
  // WeChat's `stat` beside the bridge's readFile and getFileInfo: the size without reading.
  const bridged = g.wx.getFileSystemManager as () => object;
  g.wx.getFileSystemManager = () => ({
    ...bridged(),
    stat: (o: { path: string; success?: (r: object) => void; fail?: (e: { errMsg: string }) => void }) =>
      fs.promises.stat(o.path).then(
        (s) => o.success && o.success({ errMsg: 'stat:ok', stats: { size: s.size, mode: s.mode, isFile: () => s.isFile(), isDirectory: () => s.isDirectory() } }),
        (e: Error) => o.fail && o.fail({ errMsg: 'stat:fail ' + e.message }),
      ),
  });
  return {
    get requests() {
      return state.requests;
    },
    get refused() {
      return state.refused;
    },
    platform,
    restore() {
      unbridge();
      delete g.wx;
    },
  };
}
