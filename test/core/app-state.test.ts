/**
 * SPEC 0.3 "One app, one package state": every copy of the package loaded in one app (a
 * subpackage's own `miniprogram_npm` copy, or a test that `require`s the package beside a component
 * loaded from `miniprogram_npm`) shares the token provider, the configure() limits, the request
 * slots and the memory budget. Here the copies are the built package (`miniprogram_dist`, as WeChat
 * loads it) and the TypeScript sources, plus a second, isolated load of the sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as source from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const DIST = path.resolve(__dirname, '../../miniprogram_dist/index.js');
if (!fs.existsSync(DIST)) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');

type Api = typeof import('../../components/index');

/** Another copy of the package's modules, as a second `miniprogram_npm` would give. */
function isolatedCopy<T>(load: () => T): T {
  let copy: T | undefined;
  jest.isolateModules(() => {
    copy = load();
  });
  return copy!;
}

const built = isolatedCopy(() => require(DIST) as Api);
const second = isolatedCopy(() => require('../../components/core') as typeof source);

afterEach(() => {
  source.setAccessTokenProvider(null);
  source.configure({ memoryBudget: source.DEFAULT_MEMORY_BUDGET, requestSlots: source.MAX_REQUESTS_IN_FLIGHT });
});

test('the copies really are separate modules', () => {
  expect(second.uploadResource).not.toBe(source.uploadResource);
  expect(built.uploadResource).not.toBe(source.uploadResource);
});

test('a token provider set on the built copy reaches uploads started by the sources', async () => {
  const platform = new FakePlatform();
  platform.addFile('/tmp/a.bin', new Uint8Array([1, 2, 3]));
  const reasons: string[] = [];
  built.setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return 'tok-app-state-0123456789abcdef';
  });
  const result = await source.uploadResource({ platform, filePath: '/tmp/a.bin', productId: 'P1', endpoint: ENDPOINT });
  expect(result.size).toBe(3);
  expect(reasons).toEqual(['missing']);
  expect(JSON.parse(String(platform.requests[0].body)).AccessToken).toBe('tok-app-state-0123456789abcdef');
  // And removing it on another copy removes it for all.
  second.setAccessTokenProvider(null);
  await expect(source.uploadResource({ platform, filePath: '/tmp/a.bin', productId: 'P1', endpoint: ENDPOINT })).rejects.toMatchObject({ code: 'MissingAccessToken' });
});

test('configure() on one copy sets the limits every copy uses: one set of slots, one budget', () => {
  built.configure({ requestSlots: 3, memoryBudget: 1000 });
  expect(source.currentConfiguration()).toEqual({ requestSlots: 3, memoryBudget: 1000 });
  expect(second.currentConfiguration()).toEqual({ requestSlots: 3, memoryBudget: 1000 });
  expect(second.requestSlots).toBe(source.requestSlots);
  expect(second.memoryBudget).toBe(source.memoryBudget);
});

test('host texts given to one copy word the failures of another', () => {
  second.setMessages('en', { Timeout: 'Too late, said the second copy' });
  try {
    expect(source.messageFor('Timeout', 'en')).toBe('Too late, said the second copy');
  } finally {
    source.setMessages('en', { Timeout: null });
  }
});

test('the app-wide object is not enumerable on the global object', () => {
  expect(Object.keys(globalThis).filter((k) => k.indexOf('iotexplorer') !== -1)).toEqual([]);
});
