/**
 * @jest-environment jsdom
 *
 * `<resource-uploader>` rendered by miniprogram-simulate with WeChat's official template compiler
 * and the real @vant/weapp parts, inside a host page. Only the WeChat client is faked (fake-wx),
 * and the cloud behind it is FakePlatform's, scripted per test.
 */
import { messageFor } from '../../components/core';
import { rejectText, RejectFacts } from '../../components/resource-uploader/texts';
import type { RejectReason } from '../../components/resource-uploader/types';
import { cosError, md5Hex, SEED_SIGNATURE, SEED_UPLOAD_URL } from '../support/fake-platform';
import { Mounted, tapVantButton } from '../support/mount-uploader';
import { setAccessTokenProvider, settled, tap, text, tick, uploaderHarness } from '../support/uploader-harness';

const TOKEN = 'tok-component-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount, phoneFile } = h;

/** Everything a host saw: events and the view's data. */
const everything = (m: Mounted) => JSON.stringify({ events: m.events, data: m.setDataCalls.map((c) => c.data) });

describe('one upload, end to end', () => {
  test('select, progress, success and complete carry SPEC’s exact details', async () => {
    const f = phoneFile('voice.mp3', 5179);
    h.wx.nextPick({ files: [f] });
    const m = mount();
    tapVantButton(m.uploader, '.ru-choose');
    await settled(m);

    const [select] = m.of('select');
    const id = (select.files as Array<{ id: string }>)[0].id;
    expect(typeof id).toBe('string');
    expect(select).toStrictEqual({ files: [{ id, name: 'voice.mp3', size: 5179, path: f.path }] });
    expect(m.events.map((e) => e.name)).toEqual(['select', 'progress', 'progress', 'progress', 'success', 'complete']);
    expect(m.of('progress')).toStrictEqual(
      ['hashing', 'signing', 'uploading'].map((phase) => ({ id, name: 'voice.mp3', phase, percent: 0 })),
    );
    const md5 = md5Hex(f.bytes);
    const [getUrl] = h.wx.cloud.calls('AppGetResourceUploadURL');
    expect(m.of('success')).toStrictEqual([
      {
        id,
        name: 'voice.mp3',
        size: 5179,
        md5,
        userResourceName: md5,
        resourceName: 'USER_72375312314273792_RES_' + md5,
        resourceVer: '0.0.1',
        requestId: getUrl.json!.RequestId,
        path: f.path,
      },
    ]);
    expect(m.of('complete')).toStrictEqual([{ succeeded: 1, failed: 0 }]);

    // What went over the wire: the URL as issued, the bytes as an ArrayBuffer, never uploadFile.
    expect(getUrl.json).toMatchObject({ AccessToken: TOKEN, ProductId: 'PROD1', FileSize: 5179, ResourceVer: '0.0.1' });
    const put = h.wx.requestOptions.find((o) => o.method === 'PUT')!;
    expect(put.url).toBe(SEED_UPLOAD_URL);
    expect(put.data).toBeInstanceOf(ArrayBuffer);
    expect((put.data as ArrayBuffer).byteLength).toBe(5179);
    expect((put.header as Record<string, string>)['content-type']).toBe('audio/mpeg');
    expect(h.wx.uploadFileCalls).toBe(0);
    expect(h.wx.cloud.readFileCalls).toEqual([f.path]);

    // The chooser: chat files of type 'file', one at a time (max-count 1), no extension filter.
    expect(h.wx.chooserCalls.map((c) => c.api)).toEqual(['chooseMessageFile']);
    expect(h.wx.chooserCalls[0].options).toMatchObject({ count: 1, type: 'file' });
    expect(h.wx.chooserCalls[0].options).not.toHaveProperty('extension');

    await tick();
    expect(m.instance.data.items).toEqual([expect.objectContaining({ id, name: 'voice.mp3', state: 'done' })]);
    expect(text(m)).toContain('voice.mp3');
    expect(text(m)).toContain('上传成功');
    expect(text(m)).toContain('文件已上传');
  });

  test('without access-token, the host’s provider is asked (reason "missing") and its token used', async () => {
    const reasons: string[] = [];
    setAccessTokenProvider(({ reason }) => {
      reasons.push(reason);
      return Promise.resolve(TOKEN);
    });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ accessToken: '' });
    await m.instance.choose();
    await settled(m);
    expect(reasons).toEqual(['missing']);
    expect(h.wx.cloud.calls('AppGetResourceUploadURL')[0].json!.AccessToken).toBe(TOKEN);
    expect(m.of('success')).toHaveLength(1);
    expect(everything(m)).not.toContain(TOKEN);
  });

  test('register + device-id: the success detail says whether the device has the file', async () => {
    jest.useFakeTimers();
    try {
      h.wx.nextPick({ files: [phoneFile('ring.wav', 300)] });
      const m = mount({ register: true, deviceId: 'dev-online' });
      const choosing = m.instance.choose();
      // The delivery check waits 5 s between polls (the official demo's pace): let time pass.
      for (let i = 0; i < 200 && !m.of('complete').length; i++) await jest.advanceTimersByTimeAsync(100);
      await choosing;
      // Each phase's start is reported; a phase's end only when the last report is 250 ms old.
      expect(m.of('progress').filter((p) => p.percent === 0).map((p) => p.phase)).toEqual(['hashing', 'signing', 'uploading', 'registering', 'delivering']);
      expect(m.of('progress').every((p) => p.percent === 0 || p.percent === 100)).toBe(true);
      const [success] = m.of('success');
      expect(Object.keys(success).sort()).toEqual(['delivery', 'id', 'md5', 'name', 'path', 'requestId', 'resourceName', 'resourceVer', 'size', 'userResourceName']);
      expect(success.delivery).toBe('delivered');
      expect(h.wx.cloud.calls('AppControlDeviceResource')[0].json).toMatchObject({ DeviceId: 'PROD1/dev-online', Method: 'update' });
      await jest.advanceTimersByTimeAsync(50);
      expect(text(m)).toContain('设备已收到');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('failure, retry, abort', () => {
  test('a failed file stays with its message and a retry that ends in success', async () => {
    h.wx.cloud.script('PUT', cosError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match (sign=' + SEED_SIGNATURE + ')'));
    h.wx.nextPick({ files: [phoneFile('voice.mp3', 64)] });
    const m = mount();
    await m.instance.choose();
    await settled(m);
    const [fail] = m.of('fail');
    const id = fail.id as string;
    expect(fail).toStrictEqual({
      id,
      name: 'voice.mp3',
      code: 'Storage.SignatureDoesNotMatch',
      message: messageFor('Storage.SignatureDoesNotMatch', 'zh-CN'),
      // SPEC 0.3: the RequestId of the call that issued the URL, not storage's own.
      requestId: h.wx.cloud.calls('AppGetResourceUploadURL')[0].json!.RequestId,
      retryable: false,
    });
    expect(m.of('complete')).toStrictEqual([{ succeeded: 0, failed: 1 }]);
    await tick();
    expect(m.instance.data.items).toEqual([expect.objectContaining({ id, state: 'failed', message: fail.message })]);
    expect(text(m)).toContain(fail.message as string);
    expect(m.uploader.querySelector('.ru-retry')).toBeTruthy();

    tap(m, '.ru-retry');
    await settled(m, 2);
    expect(m.of('success')).toHaveLength(1);
    expect(m.of('success')[0].id).toBe(id);
    expect(m.of('complete')[1]).toStrictEqual({ succeeded: 1, failed: 0 });
    expect(h.wx.cloud.calls('PUT')).toHaveLength(2);
    await tick();
    expect(m.instance.data.items).toEqual([expect.objectContaining({ id, state: 'done', message: '' })]);
    expect(m.uploader.querySelector('.ru-retry')).toBeFalsy();
    expect(everything(m)).not.toContain(SEED_SIGNATURE);
  });

  test('a failure before any server answered has requestId "" (missing product id: nothing is sent)', async () => {
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ productId: '', locale: 'en' });
    await m.instance.choose();
    await settled(m);
    expect(m.of('fail')).toStrictEqual([
      { id: m.of('select')[0].files && (m.of('select')[0].files as Array<{ id: string }>)[0].id, name: 'a.bin', code: 'MissingProductId', message: messageFor('MissingProductId', 'en'), requestId: '', retryable: false },
    ]);
    expect(h.wx.cloud.requests).toHaveLength(0);
  });

  test('cancel (the ✕ of a running file) aborts its request: state aborted, fail with code Aborted', async () => {
    h.wx.cloud.script('PUT', { hang: true });
    h.wx.nextPick({ files: [phoneFile('big.bin', 2048)] });
    const m = mount();
    await m.instance.choose();
    await m.until(() => h.wx.cloud.calls('PUT').length === 1, 'the PUT');
    await tick();
    expect(m.instance.data.items[0].state).toBe('uploading');
    tap(m, '.ru-cancel');
    await settled(m);
    expect(h.wx.cloud.aborts).toBe(1);
    // The file settles at once; WeChat's `fail` of the aborted request comes after, asynchronously.
    await m.until(() => h.wx.inFlight === 0, 'the aborted request to end');
    const id = m.instance.data.items[0].id;
    expect(m.of('fail')).toStrictEqual([{ id, name: 'big.bin', code: 'Aborted', message: '上传已取消', requestId: '', retryable: false }]);
    await tick();
    expect(m.instance.data.items[0].state).toBe('aborted');
    // A cancelled file can be sent again by hand.
    expect(m.uploader.querySelector('.ru-retry')).toBeTruthy();
  });

  test('abort() with no id stops every file in flight', async () => {
    h.wx.cloud.script('PUT', { hang: true }, { hang: true });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10), phoneFile('b.bin', 20)] });
    const m = mount({ maxCount: 2 });
    await m.instance.choose();
    await m.until(() => h.wx.cloud.calls('PUT').length === 2, 'two PUTs');
    m.instance.abort();
    await settled(m);
    expect(h.wx.cloud.aborts).toBe(2);
    expect(m.of('fail').map((f) => f.code)).toEqual(['Aborted', 'Aborted']);
    expect(m.of('complete')).toStrictEqual([{ succeeded: 0, failed: 2 }]);
  });

  test('detaching during an upload aborts it; no setData and no event afterwards', async () => {
    h.wx.cloud.script('PUT', { hang: true });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10), phoneFile('b.bin', 20), phoneFile('c.bin', 30)] });
    const m = mount({ maxCount: 3, concurrency: 2 });
    await m.instance.choose();
    await m.until(() => h.wx.cloud.calls('PUT').length >= 1, 'a PUT');
    const eventsBefore = m.events.length;
    const callsBefore = m.setDataCalls.length;
    m.detach();
    expect(h.wx.cloud.aborts).toBeGreaterThanOrEqual(1);
    await tick(50);
    expect(h.wx.inFlight).toBe(0);
    expect(m.setDataCalls.filter((c) => c.afterDetach)).toEqual([]);
    expect(m.setDataCalls.length).toBe(callsBefore);
    expect(m.events.length).toBe(eventsBefore);
    // The third file never started: nothing was sent for it after the page left.
    expect(h.wx.cloud.calls('AppGetResourceUploadURL').length).toBeLessThanOrEqual(2);
  });
});

describe('methods', () => {
  test('auto-upload off: choose() lists the files, upload() sends them', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 20)] });
    const m = mount({ autoUpload: false, maxCount: 2 });
    await m.instance.choose();
    await tick();
    expect(m.of('select')).toHaveLength(1);
    expect(h.wx.cloud.requests).toHaveLength(0);
    expect(m.instance.data.items.map((f) => f.state)).toEqual(['waiting', 'waiting']);
    expect(m.uploader.querySelector('.ru-start-button')).toBeTruthy();
    tapVantButton(m.uploader, '.ru-start-button');
    await settled(m);
    expect(m.of('complete')).toStrictEqual([{ succeeded: 2, failed: 0 }]);
    await tick();
    expect(m.uploader.querySelector('.ru-start-button')).toBeFalsy();
    // Two files: the batch bar (vant's progress) shows the files settled.
    expect(m.instance.data.batch).toEqual({ total: 2, settled: 2, percent: 100 });
    expect(m.uploader.querySelector('.ru-batch')).toBeTruthy();
  });

  test('upload() as a method, remove(id) and clear() each fire remove {id}', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 20), phoneFile('c.mp3', 30)] });
    const m = mount({ autoUpload: false, maxCount: 3 });
    await m.instance.choose();
    const ids = (m.of('select')[0].files as Array<{ id: string }>).map((f) => f.id);
    m.instance.remove(ids[1]);
    await tick();
    expect(m.of('remove')).toStrictEqual([{ id: ids[1] }]);
    expect(m.instance.data.items.map((f) => f.id)).toEqual([ids[0], ids[2]]);
    m.instance.upload();
    await settled(m);
    expect(m.of('complete')).toStrictEqual([{ succeeded: 2, failed: 0 }]);
    // The trash icon of a done file removes it too.
    tap(m, '.ru-remove');
    await tick();
    expect(m.of('remove').map((r) => r.id)).toEqual([ids[1], ids[0]]);
    m.instance.clear();
    await tick();
    expect(m.of('remove').map((r) => r.id)).toEqual([ids[1], ids[0], ids[2]]);
    expect(m.instance.data.items).toEqual([]);
    expect(m.uploader.querySelector('.ru-list')).toBeFalsy();
  });

  test('retry(id) through selectComponent', async () => {
    h.wx.cloud.script('AppGetResourceUploadURL', { status: 200, body: JSON.stringify({ code: -1000, msg: 'x', data: { Error: { Code: 'InvalidParameterValue', Message: 'x' } } }) });
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount();
    await m.instance.choose();
    await settled(m);
    const id = m.of('fail')[0].id as string;
    m.instance.retry(id);
    await settled(m, 2);
    expect(m.of('success').map((s) => s.id)).toEqual([id]);
  });
});

describe('choosing', () => {
  test('a second tap while the chooser is open does nothing', async () => {
    const m = mount();
    h.wx.holdPick();
    tapVantButton(m.uploader, '.ru-choose');
    await tick();
    tapVantButton(m.uploader, '.ru-choose');
    await m.instance.choose();
    await tick();
    expect(h.wx.chooserCalls).toHaveLength(1);
    h.wx.release({ cancel: true });
    await tick();
    expect(m.events).toEqual([]);
    // Once it closed, the next tap opens it again.
    h.wx.nextPick({ cancel: true });
    tapVantButton(m.uploader, '.ru-choose');
    await tick();
    expect(h.wx.chooserCalls).toHaveLength(2);
  });

  test('disabled: taps and choose() open nothing', async () => {
    const m = mount({ disabled: true });
    tapVantButton(m.uploader, '.ru-choose');
    await m.instance.choose();
    await tick();
    expect(h.wx.chooserCalls).toHaveLength(0);
  });

  test('accept "file" with extension and max-count: chooseMessageFile filters by extension', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ extension: ['.MP3', 'wav'], maxCount: 5 });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0]).toEqual({ api: 'chooseMessageFile', options: expect.objectContaining({ type: 'file', count: 5, extension: ['mp3', 'wav'] }) });
  });

  test('accept "all" picks any chat file', async () => {
    h.wx.nextPick({ files: [phoneFile('a.jpg', 10)] });
    const m = mount({ accept: 'all' });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0]).toEqual({ api: 'chooseMessageFile', options: expect.objectContaining({ type: 'all', count: 1 }) });
    expect(h.wx.chooserCalls[0].options).not.toHaveProperty('extension');
  });

  test.each([
    ['image', ['image']],
    ['video', ['video']],
    ['media', ['image', 'video']],
  ])('accept "%s" uses chooseMedia; the name comes from the path', async (accept, mediaType) => {
    const f = phoneFile('IMG_0042.jpg', 100);
    h.wx.nextPick({ files: [{ path: f.path, size: f.size }] });
    const m = mount({ accept, maxCount: 30 });
    await m.instance.choose();
    await settled(m);
    expect(h.wx.chooserCalls[0].api).toBe('chooseMedia');
    // chooseMedia allows 20 at most.
    expect(h.wx.chooserCalls[0].options).toMatchObject({ mediaType, count: 20, sizeType: ['original'] });
    expect(m.of('select')[0]).toStrictEqual({ files: [{ id: expect.any(String), name: 'IMG_0042.jpg', size: 100, path: 'wxfile://tmp/IMG_0042.jpg' }] });
    expect(h.wx.cloud.calls('PUT')[0].headers['content-type']).toBe('image/jpeg');
  });

  test('where chooseMedia is missing (PC WeChat), photos come from chooseImage and videos from chooseVideo', async () => {
    h.replaceWx({ chooseMedia: false });
    const img = phoneFile('tmp_photo.png', 50);
    h.wx.nextPick({ files: [{ path: img.path, size: img.size }] });
    const m = mount({ accept: 'image', maxCount: 12 });
    await m.instance.choose();
    await settled(m);
    expect(h.wx.chooserCalls[0]).toEqual({ api: 'chooseImage', options: expect.objectContaining({ count: 9 }) });
    expect(m.of('select')[0].files).toEqual([expect.objectContaining({ name: 'tmp_photo.png', size: 50 })]);

    const vid = phoneFile('clip.mp4', 70);
    h.wx.nextPick({ files: [{ path: vid.path, size: vid.size }] });
    const v = mount({ accept: 'video' });
    await v.instance.choose();
    await settled(v);
    expect(h.wx.chooserCalls[1].api).toBe('chooseVideo');
    expect(v.of('success')[0]).toMatchObject({ name: 'clip.mp4', size: 70 });
  });
});

describe('restrictions, before any network call', () => {
  const cases: Array<{ reason: RejectReason; props: Record<string, unknown>; file: [string, number]; detail: Partial<RejectFacts> }> = [
    { reason: 'extension', props: { extension: ['mp3', 'wav'] }, file: ['notes.txt', 10], detail: { extensions: ['mp3', 'wav'] } },
    { reason: 'min-size', props: {}, file: ['empty.mp3', 0], detail: {} },
    { reason: 'max-size', props: { maxSize: 1024 }, file: ['big.mp3', 2048], detail: { maxSize: 1024 } },
  ];

  for (const locale of ['zh-CN', 'en'] as const) {
    for (const c of cases) {
      test(`${c.reason} (${locale}): a reject event and a visible message; nothing is sent`, async () => {
        const [name, size] = c.file;
        h.wx.nextPick({ files: [phoneFile(name, size)] });
        const m = mount({ ...c.props, locale });
        await m.instance.choose();
        await tick();
        const message = rejectText({ reason: c.reason, name, size, maxSize: 104857600, maxCount: 1, extensions: [], resourceName: '', ...c.detail }, locale);
        expect(m.of('reject')).toStrictEqual([{ name, size, reason: c.reason, message }]);
        expect(m.of('select')).toEqual([]);
        expect(h.wx.cloud.requests).toHaveLength(0);
        expect(h.wx.cloud.readFileCalls).toHaveLength(0);
        expect(text(m)).toContain(name);
        expect(m.instance.data.notices).toEqual([message]);
      });
    }
  }

  test('max-count: the files over the count are rejected, the others go', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.txt', 10), phoneFile('c.mp3', 10), phoneFile('d.mp3', 10)] });
    const m = mount({ maxCount: 2, extension: ['mp3'] });
    await m.instance.choose();
    await settled(m);
    expect(m.of('reject').map((r) => [r.name, r.reason])).toEqual([
      ['b.txt', 'extension'],
      ['d.mp3', 'max-count'],
    ]);
    expect(m.of('reject')[1].message).toBe('“d.mp3”未加入：最多 2 个文件');
    expect(m.of('select')[0].files).toEqual([expect.objectContaining({ name: 'a.mp3' }), expect.objectContaining({ name: 'c.mp3' })]);
    expect(m.of('complete')).toStrictEqual([{ succeeded: 2, failed: 0 }]);
  });
});

describe('locales', () => {
  test('English: every label, state, summary and message', async () => {
    h.wx.cloud.script('PUT', { status: 500, body: '' }, { status: 500, body: '' }, { status: 500, body: '' });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ locale: 'en' });
    await tick();
    expect(text(m)).toContain('Choose a file');
    expect(text(m)).not.toMatch(/[\u4e00-\u9fff]/);
    await m.instance.choose();
    await m.until(() => m.of('complete').length === 1, 'complete', 15000);
    await tick();
    expect(m.of('fail')[0]).toMatchObject({ code: 'Storage.HttpError', retryable: true, message: messageFor('Storage.HttpError', 'en', { status: 500 }) });
    expect(text(m)).toContain('Upload failed');
    expect(text(m)).toContain('0 uploaded, 1 failed');
    expect(text(m)).toContain('Retry');
    expect(text(m)).not.toMatch(/[\u4e00-\u9fff]/);
  }, 20000);

  test('switching locale at run time re-words the labels and the summary', async () => {
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    // Room for a second file: the trigger stays.
    const m = mount({ locale: 'zh-CN', maxCount: 2 });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(text(m)).toContain('选择文件');
    expect(text(m)).toContain('上传成功');
    m.set({ locale: 'en' });
    await tick();
    expect(text(m)).toContain('Choose a file');
    expect(text(m)).toContain('Uploaded');
    expect(text(m)).toContain('1 file uploaded');
    expect(text(m)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('the trigger says what it picks', async () => {
    const m = mount({ accept: 'image', locale: 'en' });
    const z = mount({ accept: 'media' });
    await tick();
    expect(text(m)).toContain('Choose an image');
    expect(text(z)).toContain('选择图片或视频');
  });
});

describe('custom trigger', () => {
  test('slot content replaces the built-in button and opens the chooser', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({}, { slot: '<view class="my-trigger">Pick a ringtone</view>' });
    const plain = mount();
    await tick();
    const display = (mm: Mounted, sel: string) => getComputedStyle(mm.uploader.querySelector(sel)!.dom as Element).display;
    expect(display(m, '.ru-trigger')).toBe('none');
    expect(display(plain, '.ru-trigger')).toBe('flex');
    expect(display(plain, '.ru-slot')).toBe('none');
    expect(text(m)).toContain('Pick a ringtone');
    // The host's own node, tapped: the tap reaches the wrapper around the slot.
    const hostNode = m.host.querySelector('.my-trigger')!;
    hostNode.dispatchEvent('tap');
    await settled(m);
    expect(h.wx.chooserCalls).toHaveLength(1);
    expect(m.of('success')).toHaveLength(1);
  });
});
