/**
 * The playground's browser `wx`, checked against what the package relies on from WeChat:
 * `wx.request` (success for any status, `request:fail …` only without an answer, timeout and
 * abort, ArrayBuffer PUTs, default JSON content type, no upload progress), the choosers on a real
 * file dialog (accept, count), file reads and MD5, and the toast and modal overlays.
 */
import { createHash } from 'crypto';
import { textOf, usePlayground, writeFile } from './harness';

jest.setTimeout(60000);

const s = usePlayground();

afterEach(() => {
  s.playground.emulator.faults.clear();
});

interface Outcome {
  ok: boolean;
  errMsg: string;
  statusCode?: number;
  data?: unknown;
  header?: Record<string, string>;
}

/** Runs `wx.request(options)` in the page and reports how it settled. */
function request(options: Record<string, unknown>, abortAfterMs?: number): Promise<Outcome> {
  return s.page.evaluate(
    ([o, abortAfter]) =>
      new Promise<Outcome>((resolve) => {
        const wx = (window as unknown as { wx: { request(o: object): { abort(): void } } }).wx;
        const task = wx.request({
          ...o,
          success: (res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) =>
            resolve({ ok: true, errMsg: res.errMsg, statusCode: res.statusCode, data: res.data instanceof ArrayBuffer ? `ArrayBuffer(${res.data.byteLength})` : res.data, header: res.header }),
          fail: (err: { errMsg: string }) => resolve({ ok: false, errMsg: err.errMsg }),
        });
        if (typeof abortAfter === 'number') setTimeout(() => task.abort(), abortAfter);
      }),
    [options, abortAfterMs] as const,
  );
}

describe('wx.request', () => {
  test('calls success for a 4xx, parses JSON by default and keeps text with another dataType', async () => {
    const url = s.playground.emulator.origin + '/__emulator/no-such-route';
    const json = await request({ url, method: 'POST', data: {} });
    expect(json).toMatchObject({ ok: true, errMsg: 'request:ok', statusCode: 404, data: { error: expect.stringContaining('no route') } });
    expect(json.header?.['content-type']).toContain('application/json');
    const text = await request({ url, method: 'POST', data: {}, dataType: 'text' });
    expect(typeof text.data).toBe('string');
    expect(JSON.parse(text.data as string)).toEqual(json.data);
  });

  test('PUTs an ArrayBuffer byte for byte, with the ETag header readable', async () => {
    const url = s.playground.emulator.presignUrl({ method: 'PUT', key: 'e2e/raw-bytes' });
    const outcome = await s.page.evaluate(
      (target) =>
        new Promise<{ statusCode: number; etag: string; hasProgress: boolean }>((resolve, reject) => {
          const bytes = new Uint8Array(70000).map((_, i) => (i * 31) & 0xff);
          const wx = (window as unknown as { wx: { request(o: object): Record<string, unknown> } }).wx;
          const task = wx.request({
            url: target,
            method: 'PUT',
            data: bytes.buffer,
            header: { 'content-type': 'application/octet-stream' },
            success: (res: { statusCode: number; header: Record<string, string> }) => resolve({ statusCode: res.statusCode, etag: res.header.etag, hasProgress: 'onProgressUpdate' in task }),
            fail: reject,
          });
        }),
      url,
    );
    const expected = Buffer.from(Uint8Array.from({ length: 70000 }, (_, i) => (i * 31) & 0xff));
    const md5 = createHash('md5').update(expected).digest('hex');
    // No upload progress, as WeChat's RequestTask.
    expect(outcome).toEqual({ statusCode: 200, etag: `"${md5}"`, hasProgress: false });
    expect(s.playground.emulator.readObject('e2e/raw-bytes').equals(expected)).toBe(true);
    expect(s.playground.emulator.objects().find((o) => o.key === 'e2e/raw-bytes')?.contentType).toBe('application/octet-stream');
  });

  test('sends application/json when no content type is given, as WeChat does', async () => {
    const url = s.playground.emulator.presignUrl({ method: 'PUT', key: 'e2e/default-type' });
    expect(await request({ url, method: 'PUT', data: 'plain words' })).toMatchObject({ ok: true, statusCode: 200 });
    expect(s.playground.emulator.objects().find((o) => o.key === 'e2e/default-type')?.contentType).toBe('application/json');
  });

  test('fails with request:fail timeout, abort, or the network error when no answer comes', async () => {
    const url = s.playground.emulator.presignUrl({ method: 'PUT', key: 'e2e/slow' });
    s.playground.emulator.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
    expect(await request({ url, method: 'PUT', data: 'x', timeout: 300 })).toEqual({ ok: false, errMsg: 'request:fail timeout' });
    s.playground.emulator.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
    expect(await request({ url, method: 'PUT', data: 'x' }, 100)).toEqual({ ok: false, errMsg: 'request:fail abort' });
    s.playground.emulator.faults.inject({ target: 'bucket', kind: 'drop' });
    const dropped = await request({ url, method: 'PUT', data: 'x' });
    expect(dropped.ok).toBe(false);
    expect(dropped.errMsg).toMatch(/^request:fail \S/);
    expect(dropped.errMsg).not.toMatch(/timeout|abort/);
  });
});

type Wx = Record<string, (o?: object) => Promise<Record<string, unknown>>>;

describe('choosers and files', () => {
  test('chooseMessageFile honours extension and count, and the files read back exactly', async () => {
    const files = [writeFile(s, 'a.txt', 5000, 31), writeFile(s, 'b.txt', 0x2_0000 + 17, 32), writeFile(s, 'c.txt', 10, 33)];
    const chooser = s.page.waitForEvent('filechooser');
    // playwright's evaluate counts as a user gesture, so the dialog opens at once.
    const picked = s.page.evaluate(() => (window as unknown as { wx: Wx }).wx.chooseMessageFile({ count: 2, type: 'file', extension: ['txt'] }));
    const dialog = await chooser;
    expect(dialog.isMultiple()).toBe(true);
    expect(await dialog.element().getAttribute('accept')).toBe('.txt');
    await dialog.setFiles(files.map((f) => f.path));
    const tempFiles = (await picked).tempFiles as Array<{ path: string; size: number; name: string }>;
    // WeChat never hands back more than `count`.
    expect(tempFiles.map((f) => [f.name, f.size])).toEqual([
      ['a.txt', files[0].bytes.length],
      ['b.txt', files[1].bytes.length],
    ]);
    expect(tempFiles[0].path).toMatch(/^wxfile:\/\/tmp_[0-9a-f]{16}\.txt$/);

    const read = await s.page.evaluate((path) => {
      const fs = (window as unknown as { wx: { getFileSystemManager(): Record<string, (o: object) => void> } }).wx.getFileSystemManager();
      const call = <T>(method: string, o: object) => new Promise<T>((resolve, reject) => fs[method]({ ...o, success: resolve, fail: reject }));
      return Promise.all([
        call<{ size: number; digest: string }>('getFileInfo', { filePath: path, digestAlgorithm: 'md5' }),
        call<{ data: ArrayBuffer }>('readFile', { filePath: path }).then((r) => (r.data instanceof ArrayBuffer ? r.data.byteLength : -1)),
        call<{ data: string }>('readFile', { filePath: path, encoding: 'base64' }).then((r) => r.data),
        call<never>('readFile', { filePath: 'wxfile://tmp_nothing.txt' }).catch((e: { errMsg: string }) => e.errMsg),
      ]);
    }, tempFiles[1].path);
    expect(read).toEqual([
      { size: files[1].bytes.length, digest: files[1].md5, errMsg: 'getFileInfo:ok' },
      files[1].bytes.length,
      files[1].bytes.toString('base64'),
      'readFile:fail no such file or directory, open wxfile://tmp_nothing.txt',
    ]);
  });

  test('closing the file dialog without a choice fails with "cancel"', async () => {
    const chooser = s.page.waitForEvent('filechooser');
    const outcome = s.page.evaluate(() =>
      (window as unknown as { wx: Wx }).wx.chooseImage({ count: 1 }).then(
        () => 'chosen',
        (e: { errMsg: string }) => e.errMsg,
      ),
    );
    const dialog = await chooser;
    expect(await dialog.element().getAttribute('accept')).toBe('image/*');
    await dialog.setFiles([]);
    await expect(outcome).resolves.toBe('chooseImage:fail cancel');
  });

  describe('called without a user gesture (the browser would not open its dialog)', () => {
    // playwright's calls always carry a gesture, so its absence is stood in for.
    beforeEach(() => s.page.evaluate(() => Object.defineProperty(navigator, 'userActivation', { configurable: true, value: { isActive: false } })));
    afterEach(() => s.page.evaluate(() => delete (navigator as unknown as Record<string, unknown>).userActivation));

    test('a sheet asks for the tap, then the dialog opens', async () => {
      const file = writeFile(s, 'clip.mp4', 4000, 34);
      const outcome = s.page.evaluate(() => (window as unknown as { wx: Wx }).wx.chooseMedia({ count: 3, mediaType: ['video'] }));
      const chooser = s.page.waitForEvent('filechooser');
      await s.page.locator('.pg-phone .pg-modal .pg-modal__button--confirm').click();
      const dialog = await chooser;
      expect(await dialog.element().getAttribute('accept')).toBe('video/*');
      await dialog.setFiles([file.path]);
      const result = await outcome;
      // chooseMedia gives paths and sizes, no names.
      expect(result).toMatchObject({ type: 'video', tempFiles: [{ size: file.bytes.length, fileType: 'video', tempFilePath: expect.stringMatching(/\.mp4$/) }] });
      expect(Object.keys((result.tempFiles as object[])[0])).not.toContain('name');
    });

    test('declining the sheet fails the chooser with "cancel"', async () => {
      const outcome = s.page.evaluate(() =>
        (window as unknown as { wx: Wx }).wx.chooseMedia({ count: 3, mediaType: ['image'] }).then(
          () => 'chosen',
          (e: { errMsg: string }) => e.errMsg,
        ),
      );
      await s.page.locator('.pg-phone .pg-modal .pg-modal__button--cancel').click();
      await expect(outcome).resolves.toBe('chooseMedia:fail cancel');
    });
  });
});

test('showModal and showToast render as overlays in the phone', async () => {
  const modal = s.page.evaluate(() =>
    (window as unknown as { wx: { showModal(o: object): Promise<{ confirm: boolean; cancel: boolean }> } }).wx.showModal({ title: '删除文件？', content: 'a.txt', confirmText: '删除' }),
  );
  await s.page.locator('.pg-phone .pg-modal', { hasText: '删除文件？' }).waitFor();
  await s.page.locator('.pg-modal__button--confirm', { hasText: '删除' }).click();
  await expect(modal).resolves.toMatchObject({ confirm: true, cancel: false, errMsg: 'showModal:ok' });

  await s.page.evaluate(() => (window as unknown as { wx: { showToast(o: object): void } }).wx.showToast({ title: '已保存', icon: 'success', duration: 60000 }));
  await textOf(s.page.locator('.pg-phone .pg-toast'), '已保存');
  await s.page.evaluate(() => (window as unknown as { wx: { hideToast(): void } }).wx.hideToast());
  await s.page.locator('.pg-phone .pg-toast').waitFor({ state: 'detached' });
});
