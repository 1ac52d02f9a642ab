/**
 * The set-up a component spec repeats: `<resource-uploader>` loaded once, a fresh FakeWx per test,
 * every mount detached after its test with what it emitted checked for the token and the URL
 * signature, and the small helpers that find, tap and wait on what is rendered.
 * Call at the top of a spec whose docblock says `@jest-environment jsdom`.
 */
import * as path from 'path';
import type * as Simulate from 'miniprogram-simulate';
import { setAccessTokenProvider as setSourceTokenProvider } from '../../components';
import { ENDPOINT, SEED_SIGNATURE } from './fake-platform';
import { FakeWx, PickedTemp } from './fake-wx';
import { glassEaselWorld } from './glass-easel-backend';
import { FRAMEWORK, loadOptions, Mounted, mountUploader, mountUploaderOnGlassEasel, ROOT } from './mount-uploader';
import { Emitted, guardAgainstLeaks } from './observe';

/**
 * The host's `setAccessTokenProvider`, from the copy of the package the mounted component runs:
 * the TypeScript source on simulate, the build on glass-easel (a host imports the one package it
 * installed; two copies would each keep their own provider, platform facts §6).
 */
export const setAccessTokenProvider: typeof setSourceTokenProvider =
  FRAMEWORK === 'glass-easel'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(path.join(ROOT, 'miniprogram_dist/index.js')) as { setAccessTokenProvider: typeof setSourceTokenProvider }).setAccessTokenProvider
    : setSourceTokenProvider;

export interface UploaderHarness {
  /** Everything the mounts emitted; checked for secrets after the file. */
  readonly emitted: Emitted;
  /** This test's WeChat client. */
  readonly wx: FakeWx;
  /** Puts back this test's WeChat client and makes another, e.g. one without `chooseMedia`. */
  replaceWx(options: ConstructorParameters<typeof FakeWx>[0]): FakeWx;
  /** Mounts the component for product PROD1 with the harness's token and the fake endpoint. */
  mount(props?: Record<string, unknown>, options?: { slot?: string }): Mounted;
  /** A file on the phone; chat files carry their name, media only a path. */
  phoneFile(name: string, size: number): PickedTemp & { name: string; bytes: Uint8Array };
}

export function uploaderHarness(token: string): UploaderHarness {
  // Console output, every event and every setData of the file are checked for the token and the URL signature.
  const emitted = guardAgainstLeaks(() => [token, SEED_SIGNATURE]);
  const mounted: Mounted[] = [];
  let uploaderId: string;
  let wx: FakeWx;
  // Loaded only on its own framework: simulate sets globals (`Component`, `wx`) of its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = FRAMEWORK === 'simulate' ? (require('miniprogram-simulate') as typeof Simulate) : null;

  beforeAll(() => {
    if (simulate) uploaderId = simulate.load(path.join(ROOT, 'components/resource-uploader/index'), 'resource-uploader', loadOptions(['src']));
    else glassEaselWorld();
  });
  beforeEach(() => {
    wx = new FakeWx();
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) {
      emitted.add({ events: m.events, setData: m.setDataCalls.map((c) => c.data) });
      m.detach();
    }
    wx.restore();
  });

  return {
    emitted,
    get wx() {
      return wx;
    },
    replaceWx(options) {
      wx.restore();
      wx = new FakeWx(options);
      return wx;
    },
    mount(props = {}, options = {}) {
      const all = { productId: 'PROD1', accessToken: token, endpoint: ENDPOINT, ...props };
      const m = simulate ? mountUploader(simulate, uploaderId, all, options) : mountUploaderOnGlassEasel(all, options);
      mounted.push(m);
      return m;
    },
    phoneFile(name, size) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 13 + name.length) & 0xff);
      const temp = wx.addFile('wxfile://tmp/' + name, bytes);
      return { ...temp, name, bytes };
    },
  };
}

export const text = (m: Mounted): string => (m.uploader.dom as Element).textContent || '';
/** Taps the `index`-th node that matches `selector`. */
export const tap = (m: Mounted, selector: string, index = 0): void => {
  const nodes = m.uploader.querySelectorAll(selector);
  if (!nodes[index]) throw new Error(`no ${selector} #${index}`);
  nodes[index].dispatchEvent('tap');
};
export const settled = (m: Mounted, n = 1) => m.until(() => m.of('complete').length >= n, `${n} complete event(s)`);
export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
