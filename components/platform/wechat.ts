import { clampTimer, classifyFailure, TransportError } from '../core';
import type { Platform, PlatformRequestTask, PlatformResponse } from '../core';
import { createWechatLifecycle } from './wechat-lifecycle';

function request(req: Parameters<Platform['request']>[0]): PlatformRequestTask {
  let task: WechatMiniprogram.RequestTask | undefined;
  // Only an abort the package asked for is `aborted`; WeChat's texts saying "abort" are network faults.
  let abortedByUs = false;
  const response = new Promise<PlatformResponse>((resolve, reject) => {
    // The executor runs at once: `task` is set before anyone can call `abort()`.
    task = wx.request({
      url: req.url,
      method: req.method,
      header: req.headers,
      data: req.body,
      timeout: clampTimer(req.timeoutMs),
      // Anything but 'json' leaves the body as text: the core tells JSON from garbage itself.
      dataType: 'text',
      responseType: 'text',
      success: (res) => {
        const headers: Record<string, string> = {};
        const given = (res.header || {}) as Record<string, unknown>;
        for (const key of Object.keys(given)) headers[key.toLowerCase()] = String(given[key]);
        resolve({ status: res.statusCode, headers, body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) });
      },
      fail: (err: { errMsg?: string; errno?: unknown } | undefined) => {
        const errMsg = (err && err.errMsg) || 'request:fail';
        reject(new TransportError(abortedByUs ? 'aborted' : classifyFailure(errMsg, err && err.errno), errMsg));
      },
    });
  });
  return {
    response,
    abort: () => {
      abortedByUs = true;
      if (task) task.abort();
    },
  };
}

/** The default platform: WeChat's request, file system and timers. */
export function createWechatPlatform(): Platform {
  // Looked up at each call, not once: the platform is made once per app, `wx` may be patched later (tests).
  const fs = () => wx.getFileSystemManager();
  return {
    request,
    readFile: (filePath) =>
      new Promise((resolve, reject) =>
        // No encoding: the bytes come back as one ArrayBuffer, the only copy we keep.
        fs().readFile({ filePath, success: (res) => resolve(res.data as ArrayBuffer), fail: reject }),
      ),
    fileInfo: (filePath) =>
      new Promise((resolve, reject) =>
        // MD5 computed natively: the bytes need not cross into JS for hashing (the core lower-cases it).
        fs().getFileInfo({ filePath, digestAlgorithm: 'md5', success: (res) => resolve({ size: res.size, md5: res.digest }), fail: reject }),
      ),
    fileSize: (filePath) =>
      new Promise((resolve, reject) =>
        fs().stat({ path: filePath, success: (res) => resolve((res.stats as WechatMiniprogram.Stats).size), fail: reject }),
      ),
    setTimeout: (fn, ms) => setTimeout(fn, clampTimer(ms)),
    clearTimeout: (handle) => clearTimeout(handle as number),
    lifecycle: createWechatLifecycle(),
  };
}
