/**
 * `createTestWx({files})`: the `wx` functions the package calls, for a host's tests in Node.
 * Requests are real HTTP (through the Node platform), to loopback hosts only, so a test never
 * reaches the real cloud by mistake: another host fails as WeChat fails a host missing from the
 * request domain list. Files come from disk or memory; every chooser returns the files given (at
 * most its `count`), or is cancelled when there are none. The app stays in the foreground and
 * online. No function uses `this`.
 */
import { createNodePlatform } from '../node-platform';
import { Platform, TransportError } from '../components/core/platform';
import { CHOOSERS, ChooserApi, chooserCancelled, chooserResult } from './chooser-results';
import { phoneFiles, withMemoryFiles } from './test-files';
import type { TestWx, TestWxOptions, WxChooserOptions } from './types';
import { answer, failWith, wxFileSystemManager, wxGetNetworkType, wxRequest } from './wx-over-platform';

function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Only loopback hosts are dialled; any other is refused before a socket opens. */
function loopbackOnly(base: Platform): Platform {
  return {
    ...base,
    request: (req) =>
      isLoopback(req.url)
        ? base.request(req)
        : { response: Promise.reject(new TransportError('domain', 'request:fail url not in domain list')), abort: () => undefined },
  };
}

export function createTestWx(options: TestWxOptions = {}): TestWx {
  const { picked, memory } = phoneFiles(options.files);
  const node = createNodePlatform();
  const platform = withMemoryFiles(loopbackOnly(node), memory);
  const lifecycle = node.phone.lifecycle;

  const chooser = (api: ChooserApi) => (o: WxChooserOptions) => {
    if (!picked.length) return failWith(o, chooserCancelled(api));
    const count = api === 'chooseVideo' ? 1 : typeof o.count === 'number' && o.count >= 1 ? Math.floor(o.count) : picked.length;
    answer(o, true, chooserResult(api, picked.slice(0, count)));
  };
  const choosers = Object.fromEntries(CHOOSERS.map((api) => [api, chooser(api)])) as Record<ChooserApi, (o: WxChooserOptions) => void>;

  return {
    request: (o) => wxRequest(platform, o),
    getFileSystemManager: () => wxFileSystemManager(platform),
    ...choosers,
    getNetworkType: (o) => wxGetNetworkType(platform, o),
    onAppHide: (fn) => lifecycle.onAppHide(fn),
    offAppHide: (fn) => lifecycle.offAppHide(fn),
    onAppShow: (fn) => lifecycle.onAppShow(fn),
    offAppShow: (fn) => lifecycle.offAppShow(fn),
    onNetworkStatusChange: (fn) => lifecycle.onNetworkStatusChange(fn),
    offNetworkStatusChange: (fn) => lifecycle.offNetworkStatusChange(fn),
  };
}
