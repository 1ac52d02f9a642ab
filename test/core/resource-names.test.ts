/**
 * Issue 10: "A fixed resourceName with 3 files and register: all 3 report success, only the last
 * stays." Two files are never stored under one name: concurrent uploads of one fixed name (app-wide)
 * and files of one queue sharing a fixed name end ResourceNameInUse, with nothing sent for them.
 */
import { UploadError, UploadQueue, uploadResource } from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const TOKEN = 'tok-names-0123456789abcdef0123456789';

function setup(files = 3) {
  const platform = new FakePlatform();
  for (let i = 0; i < files; i++) platform.addFile(`/f${i}.mp3`, new Uint8Array([i + 1, 2, 3]));
  const base = { platform, productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1, resourceName: 'ring', register: true };
  return { platform, base };
}

async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !condition() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 2));
  expect(condition()).toBe(true);
}

describe('uploadResource', () => {
  test('3 concurrent uploads of one fixed name: one is stored, the others fail ResourceNameInUse before any request', async () => {
    const { platform, base } = setup();
    const outcomes = await Promise.all([0, 1, 2].map((i) => uploadResource({ ...base, filePath: `/f${i}.mp3` }).then(() => 'ok', (e: UploadError) => e.code)));
    expect(outcomes.sort()).toEqual(['ResourceNameInUse', 'ResourceNameInUse', 'ok']);
    expect(platform.calls('PUT')).toHaveLength(1);
    expect(platform.calls('AppCreateProductResource')).toHaveLength(1);
  });

  test('the name is free again once the upload settles; other products and MD5 names are not affected', async () => {
    const { platform, base } = setup();
    await uploadResource({ ...base, filePath: '/f0.mp3' });
    await uploadResource({ ...base, filePath: '/f1.mp3' });
    const both = await Promise.all([uploadResource({ ...base, filePath: '/f0.mp3' }), uploadResource({ ...base, productId: 'Q', filePath: '/f1.mp3' })]);
    expect(both).toHaveLength(2);
    const md5Named = await Promise.all([0, 1].map((i) => uploadResource({ ...base, resourceName: undefined, filePath: `/f${i}.mp3` })));
    expect(md5Named[0].userResourceName).not.toBe(md5Named[1].userResourceName);
    expect(platform.calls('PUT')).toHaveLength(6);
  });

  test('the message says why, in both locales', async () => {
    const { base } = setup();
    const first = uploadResource({ ...base, filePath: '/f0.mp3' });
    const en = await uploadResource({ ...base, filePath: '/f1.mp3', locale: 'en' }).catch((e) => e);
    const zh = await uploadResource({ ...base, filePath: '/f2.mp3' }).catch((e) => e);
    await first;
    expect(en).toMatchObject({ code: 'ResourceNameInUse', retryable: false });
    expect(en.message).toMatch(/same resource name/);
    expect(zh.message).toMatch(/资源名称/);
  });
});

describe('UploadQueue', () => {
  test.each([1, 9])('3 files, one fixed name, concurrency %i: the first is stored, the others fail ResourceNameInUse', async (concurrency) => {
    const { platform, base } = setup();
    const queue = new UploadQueue({ uploadOptions: () => base, concurrency });
    const files = queue.add([0, 1, 2].map((i) => ({ path: `/f${i}.mp3`, name: `f${i}.mp3`, size: 3 })), true);
    let complete = 0;
    queue.on('complete', () => complete++);
    await until(() => complete === 1);
    expect(files.map((f) => f.state)).toEqual(['done', 'failed', 'failed']);
    expect(files.slice(1).map((f) => f.error!.code)).toEqual(['ResourceNameInUse', 'ResourceNameInUse']);
    expect(platform.calls('PUT')).toHaveLength(1);
    expect(platform.calls('AppCreateProductResource')).toHaveLength(1);
  });

  test('isResourceNameUsed: the name is used by every file of the list that has not failed or been cancelled', async () => {
    const { base } = setup();
    const queue = new UploadQueue({ uploadOptions: () => base });
    expect(queue.isResourceNameUsed('ring')).toBe(false);
    const [a] = queue.add([{ path: '/f0.mp3', name: 'a', size: 3 }]);
    expect(queue.isResourceNameUsed('ring')).toBe(true);
    expect(queue.isResourceNameUsed('ring', a.id)).toBe(false);
    expect(queue.isResourceNameUsed('other')).toBe(false);
    queue.abort(a.id);
    expect(queue.isResourceNameUsed('ring')).toBe(false);
    queue.retry(a.id);
    await until(() => a.state === 'done');
    expect(queue.isResourceNameUsed('ring')).toBe(true);
    queue.remove(a.id);
    expect(queue.isResourceNameUsed('ring')).toBe(false);
  });

  test('a file failed for the name can be retried once the name is free', async () => {
    const { base } = setup();
    const queue = new UploadQueue({ uploadOptions: () => base, concurrency: 2 });
    const [a, b] = queue.add([0, 1].map((i) => ({ path: `/f${i}.mp3`, name: `f${i}`, size: 3 })), true);
    await until(() => a.state === 'done' && b.state === 'failed');
    queue.remove(a.id);
    queue.retry(b.id);
    await until(() => b.state === 'done');
  });
});
