import type { Platform, PlatformRequestTask, PlatformResponse } from '../core/platform';
import { TransportError } from '../core/platform';
import { createWechatLifecycle } from './wechat-lifecycle';

function lowerCaseKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const key of Object.keys(headers)) out[key.toLowerCase()] = String((headers as Record<string, unknown>)[key]);
  }
  return out;
}

/** wx.request reports every failure as an errMsg string; these are the ones that matter. */
function transportKind(errMsg: string): 'timeout' | 'aborted' | 'network' {
  if (/timeout|timed out/i.test(errMsg)) return 'timeout';
  if (/abort/i.test(errMsg)) return 'aborted';
  return 'network';
}

function request(req: Parameters<Platform['request']>[0]): PlatformRequestTask {
  let task: WechatMiniprogram.RequestTask | undefined;
  let abortedEarly = false;
  const response = new Promise<PlatformResponse>((resolve, reject) => {
    task = wx.request({
      url: req.url,
      method: req.method,
      header: req.headers,
      data: req.body,
      timeout: req.timeoutMs,
      // Anything but 'json' leaves the body as text: the core tells JSON from garbage itself.
      dataType: 'text',
      responseType: 'text',
      success: (res) =>
        resolve({
          status: res.statusCode,
          headers: lowerCaseKeys(res.header),
          body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data),
        }),
      fail: (err) => reject(new TransportError(transportKind(err.errMsg || ''), err.errMsg || 'request:fail')),
    });
    if (abortedEarly) task.abort();
  });
  return {
    response,
    abort: () => {
      if (task) task.abort();
      else abortedEarly = true;
    },
  };
}

/** The default platform: WeChat's request, file system and timers. */
export function createWechatPlatform(): Platform {
  const fs = wx.getFileSystemManager();
  return {
    request,
    readFile: (filePath) =>
      new Promise((resolve, reject) =>
        // No encoding: the bytes come back as one ArrayBuffer, the only copy we keep.
        fs.readFile({ filePath, success: (res) => resolve(res.data as ArrayBuffer), fail: reject }),
      ),
    fileInfo: (filePath) =>
      new Promise((resolve, reject) =>
        // MD5 computed natively: the bytes need not cross into JS for hashing.
        fs.getFileInfo({
          filePath,
          digestAlgorithm: 'md5',
          success: (res) => resolve({ size: res.size, md5: String(res.digest).toLowerCase() }),
          fail: reject,
        }),
      ),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as number),
    lifecycle: createWechatLifecycle(),
  };
}
