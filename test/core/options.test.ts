/**
 * Issue 10 "Unusable option values": every option of the wrong type or with an unusable value fails
 * with InvalidOption naming it, before any request; time values are clamped the way timers need.
 */
import { configure, currentConfiguration, requestSlots, UploadError, uploadResource } from '../../components/core';
import type { UploadResourceOptions } from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const TOKEN = 'tok-options-0123456789abcdef';

function setup() {
  const platform = new FakePlatform();
  platform.addFile('/f/a.mp3', new Uint8Array(10).fill(1));
  const options: UploadResourceOptions = { platform, filePath: '/f/a.mp3', productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1 };
  return { platform, options };
}

async function failure(patch: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en'): Promise<{ error: UploadError; platform: FakePlatform }> {
  const { platform, options } = setup();
  const error = await uploadResource({ ...options, locale, ...patch } as UploadResourceOptions).then(
    () => {
      throw new Error('expected a failure');
    },
    (e) => e,
  );
  return { error, platform };
}

describe('InvalidOption names the option, before any request', () => {
  test.each([
    ['deviceId', 42],
    ['name', 7],
    ['resourceName', 123],
    ['productId', 1234],
    ['accessToken', 99],
    ['resourceVer', 1],
    ['resourceVer', '1.0 beta'],
    ['resourceVer', '../../x'],
    ['endpoint', 443],
    ['maxSize', '10'],
    ['maxSize', -1],
    // SPEC 0.3: no file is refused with a limit of 0 B.
    ['maxSize', 0],
    ['maxSize', NaN],
    ['maxSize', Infinity],
    ['retries', -1],
    ['retries', '2'],
    ['retryDelay', NaN],
    ['timeout', Infinity],
    ['timeout', NaN],
    ['timeout', -5],
    ['timeout', '60000'],
    ['deliveryTimeout', -1],
    ['deliveryPollInterval', Infinity],
    ['register', 'yes'],
    ['onProgress', 'log'],
    // A number where a string belongs (SPEC 0.2 JS API), not a silent fall back to zh-CN.
    ['locale', 42],
    ['locale', { en: true }],
  ])('%s = %p', async (option, value) => {
    const { error, platform } = await failure({ [option]: value });
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ code: 'InvalidOption', retryable: false, requestId: '' });
    expect(error.message).toContain(option);
    expect(platform.requests).toHaveLength(0);
    expect(platform.readFileCalls).toHaveLength(0);
  });

  test('the message is localized in both locales', async () => {
    const en = await failure({ maxSize: 'big' }, 'en');
    const zh = await failure({ maxSize: 'big' }, 'zh-CN');
    expect(en.error.message).toMatch(/maxSize/);
    expect(zh.error.message).toMatch(/maxSize/);
    expect(zh.error.message).not.toBe(en.error.message);
    expect(zh.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('options that are not an object', async () => {
    const err = await uploadResource(null as unknown as UploadResourceOptions).catch((e) => e);
    expect(err).toMatchObject({ code: 'InvalidOption' });
  });
});

describe('time values', () => {
  test('timeout 0 means the default', async () => {
    const { platform, options } = setup();
    await uploadResource({ ...options, timeout: 0 });
    expect(platform.calls('AppGetResourceUploadURL')[0].timeoutMs).toBe(60000);
  });

  test('time values above 2147483647 ms count as 2147483647 (a 3e9 timeout does not fire at once)', async () => {
    const { platform, options } = setup();
    await uploadResource({ ...options, timeout: 3e9 });
    expect(platform.calls('AppGetResourceUploadURL')[0].timeoutMs).toBe(2147483647);
    expect(platform.calls('PUT')[0].timeoutMs).toBe(2147483647);
  });

  test('retryDelay 3e9 waits instead of retrying back to back', async () => {
    const { platform, options } = setup();
    const delays: number[] = [];
    const original = platform.setTimeout.bind(platform);
    platform.setTimeout = (fn: () => void, ms: number) => {
      delays.push(ms);
      return original(fn, ms);
    };
    platform.script('AppGetResourceUploadURL', { transport: 'network' });
    const task = uploadResource({ ...options, retryDelay: 3e9 });
    for (let i = 0; i < 50 && !delays.length; i++) await new Promise((r) => setTimeout(r, 5));
    expect(delays).toEqual([2147483647]);
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
    task.abort();
    await expect(task).rejects.toMatchObject({ code: 'Aborted' });
  });
});

describe('a platform whose request throws', () => {
  test('ends with a mapped code, not a raw Error', async () => {
    const { platform, options } = setup();
    platform.request = () => {
      throw new Error('request:fail invalid url');
    };
    const err = await uploadResource({ ...options, retries: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code: 'NetworkError' });
  });
});

describe('configure()', () => {
  const saved = currentConfiguration();
  afterEach(() => configure(saved));

  test('sets the app-wide request slots and memory budget', () => {
    expect(saved).toEqual({ memoryBudget: 134217728, requestSlots: 8 });
    configure({ requestSlots: 10, memoryBudget: 1 << 20 });
    expect(currentConfiguration()).toEqual({ memoryBudget: 1 << 20, requestSlots: 10 });
    expect(requestSlots.limit).toBe(10);
    configure({ requestSlots: 3 });
    expect(currentConfiguration()).toEqual({ memoryBudget: 1 << 20, requestSlots: 3 });
    configure({});
    expect(currentConfiguration().requestSlots).toBe(3);
  });

  test.each([
    [{ requestSlots: 11 }, 'requestSlots'],
    [{ requestSlots: 0 }, 'requestSlots'],
    [{ requestSlots: 2.5 }, 'requestSlots'],
    [{ requestSlots: '4' }, 'requestSlots'],
    [{ memoryBudget: -1 }, 'memoryBudget'],
    [{ memoryBudget: 0 }, 'memoryBudget'],
    [{ memoryBudget: NaN }, 'memoryBudget'],
    [{ memoryBudget: Infinity }, 'memoryBudget'],
    [{ memoryBudget: '128' }, 'memoryBudget'],
    [null, 'configure'],
    ['x', 'configure'],
  ])('%p throws UploadError InvalidOption naming %s, and changes nothing', (value, option) => {
    let caught: unknown;
    try {
      configure(value as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UploadError);
    expect(caught).toMatchObject({ code: 'InvalidOption' });
    expect((caught as Error).message).toContain(option);
    expect(currentConfiguration()).toEqual(saved);
  });

  test('is exported from the package entry', () => {
    (global as unknown as { wx: object }).wx = { getFileSystemManager: () => ({}) };
    const entry = require('../../components/index');
    expect(typeof entry.configure).toBe('function');
    delete (global as unknown as { wx?: object }).wx;
  });
});
