/**
 * @jest-environment jsdom
 *
 * SPEC 0.2's component additions, rendered by miniprogram-simulate with WeChat's official compiler
 * and the real vant parts: `files`, `max-count` as a total, `deletable`, `use-before-upload` +
 * `before-upload`, `path`, the reject reasons `resource-name` and `host`, `extension` as a string,
 * the `error` event (`ChooseFailed`, `InvalidOption`), previews and the shared audio player.
 */
import { useFakeMedia } from '../support/fake-media';
import type { Mounted } from '../support/mount-uploader';
import { settled, tap, text, tick, uploaderHarness } from '../support/uploader-harness';
import { badProperty } from '../../components/resource-uploader/property-check';
import { hostFileIndex } from '../../components/resource-uploader/select';
import type { BeforeUploadDetail, ErrorDetail, RemoveDetail, SelectDetail } from '../../components/resource-uploader/types';

const TOKEN = 'tok-list-control-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount, phoneFile } = h;
const fakeMedia = useFakeMedia();

const has = (m: Mounted, selector: string): boolean => m.uploader.querySelectorAll(selector).length > 0;
const data = (m: Mounted) => m.instance.data as Record<string, unknown> & { items: Array<Record<string, unknown>>; hostItems: Array<Record<string, unknown>> };

describe('files: what the host already has', () => {
  const current = [{ name: 'current-ring.mp3', size: 2048, resourceName: 'R1', url: 'https://example.invalid/ring.mp3' }];

  test('shown as done with name and size, under a data key of their own; the property keeps its value', async () => {
    const m = mount({ files: current, maxCount: 3 });
    await tick();
    expect(data(m).hostItems).toEqual([expect.objectContaining({ id: 'host-0', name: 'current-ring.mp3', sizeText: '2 KB', kind: 'audio' })]);
    expect(data(m).files).toEqual(current);
    expect(data(m).items).toEqual([]);
    expect(text(m)).toContain('current-ring.mp3');
    expect(text(m)).toContain('上传成功');
    // Nothing was uploaded for them.
    expect(h.wx.cloud.requests).toHaveLength(0);
  });

  test('counted in max-count: the chooser asks for the room left', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ files: current, maxCount: 3 });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0].options).toMatchObject({ count: 2 });
  });

  test('removable: remove {id: "host-<index>"} (SPEC’s shape), gone from the view, room again; a new files value shows all again', async () => {
    const m = mount({ files: current, maxCount: 1 });
    await tick();
    expect(has(m, '.ru-choose')).toBe(false);
    tap(m, '.ru-remove');
    await tick();
    expect(m.of('remove')).toStrictEqual([{ id: 'host-0' }]);
    expect(hostFileIndex('host-0')).toBe(0);
    expect(data(m).hostItems).toEqual([]);
    expect(has(m, '.ru-choose')).toBe(true);
    // Two files need room for two (SPEC 0.3: host files beyond max-count are left out).
    m.set({ files: [...current, { name: 'b.wav' }], maxCount: 2 });
    await tick();
    expect(data(m).hostItems.map((r) => r.name)).toEqual(['current-ring.mp3', 'b.wav']);
    // Through the method too.
    m.instance.remove('host-1');
    await tick();
    expect(hostFileIndex((m.of('remove')[1] as unknown as RemoveDetail).id)).toBe(1);
    expect(hostFileIndex(data(m).items.length ? String(data(m).items[0].id) : 'ru1-c1')).toBe(-1);
    expect(data(m).hostItems.map((r) => r.name)).toEqual(['current-ring.mp3']);
  });

  test('a files value of the wrong type breaks nothing: unusable entries are left out (SPEC 0.3), a wrong-typed field is dropped', async () => {
    const m = mount({ files: [null, 42, { name: 7 }, { name: 'ok.mp3', size: -1 }], maxCount: 9 });
    await tick();
    expect(data(m).hostItems.map((r) => [r.id, r.name, r.sizeText])).toEqual([['host-3', 'ok.mp3', '']]);
  });
});

describe('max-count is the size of the list', () => {
  test('two choices of 2 with max-count 3: the second asks for 1; then the trigger hides and choose() opens nothing', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    const m = mount({ maxCount: 3 });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0].options).toMatchObject({ count: 3 });
    await settled(m);
    h.wx.nextPick({ files: [phoneFile('c.mp3', 10), phoneFile('d.mp3', 10)] });
    await m.instance.choose();
    expect(h.wx.chooserCalls[1].options).toMatchObject({ count: 1 });
    // A client that hands back more than asked: the extra one is refused as max-count.
    expect(m.of('reject')).toEqual([expect.objectContaining({ name: 'd.mp3', reason: 'max-count' })]);
    await settled(m, 2);
    await tick();
    expect(data(m).items).toHaveLength(3);
    expect(data(m).full).toBe(true);
    expect(has(m, '.ru-choose')).toBe(false);
    await m.instance.choose();
    expect(h.wx.chooserCalls).toHaveLength(2);
    // Removing one makes room.
    m.instance.remove(data(m).items[0].id as string);
    await tick();
    expect(has(m, '.ru-choose')).toBe(true);
  });

  test('a custom trigger (slot) hides too when full', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({}, { slot: '<view class="my-trigger">+</view>' });
    expect(has(m, '.ru-slot')).toBe(true);
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(has(m, '.ru-slot')).toBe(false);
  });
});

describe('deletable', () => {
  test('false: no remove buttons (chosen or host files); remove(id) still works', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ deletable: false, maxCount: 3, files: [{ name: 'h.mp3' }] });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(has(m, '.ru-remove')).toBe(false);
    m.set({ deletable: true });
    await tick();
    expect(m.uploader.querySelectorAll('.ru-remove')).toHaveLength(2);
    m.instance.remove(data(m).items[0].id as string);
    await tick();
    expect(data(m).items).toEqual([]);
  });
});

describe('use-before-upload and before-upload', () => {
  test('asked after the restrictions and before select, with id, name, size and path; nothing is sent before ok', async () => {
    const a = phoneFile('a.mp3', 10);
    h.wx.nextPick({ files: [a, phoneFile('big.mp3', 500), phoneFile('b.mp3', 20)] });
    const m = mount({ useBeforeUpload: true, maxCount: 5, maxSize: 100 });
    // choose() resolves when the chooser closes, not when the host answers.
    await m.instance.choose();
    expect(m.events.map((e) => e.name)).toEqual(['reject', 'before-upload']);
    const ask = m.of('before-upload')[0] as unknown as BeforeUploadDetail;
    expect(ask.files).toEqual([
      { id: expect.any(String), name: 'a.mp3', size: 10, path: a.path },
      { id: expect.any(String), name: 'b.mp3', size: 20, path: 'wxfile://tmp/b.mp3' },
    ]);
    expect(typeof ask.callback).toBe('function');
    await tick();
    expect(h.wx.cloud.requests).toHaveLength(0);
    expect(data(m).items).toEqual([]);
    ask.callback(true);
    await settled(m);
    const select = m.of('select')[0] as unknown as SelectDetail;
    expect(select.files).toEqual(ask.files);
    expect(m.of('success').map((s) => s.id)).toEqual(ask.files.map((f) => f.id));
    // A second answer changes nothing.
    ask.callback(false);
    expect(m.of('reject')).toHaveLength(1);
  });

  test('callback(false): the files are rejected with reason "host", never enter the list, and no select', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, maxCount: 5, locale: 'en' });
    await m.instance.choose();
    (m.of('before-upload')[0] as unknown as BeforeUploadDetail).callback(false);
    await tick();
    expect(m.of('reject')).toEqual([
      { name: 'a.mp3', size: 10, reason: 'host', message: '"a.mp3" was not accepted' },
      { name: 'b.mp3', size: 10, reason: 'host', message: '"b.mp3" was not accepted' },
    ]);
    expect(m.of('select')).toEqual([]);
    expect(data(m).items).toEqual([]);
    expect(data(m).notices).toEqual(['"a.mp3" was not accepted', '"b.mp3" was not accepted']);
    expect(h.wx.cloud.requests).toHaveLength(0);
  });

  test('with auto-upload off it is still asked at choose time; files the host is deciding on hold their place', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, autoUpload: false, maxCount: 2 });
    await m.instance.choose();
    expect(m.of('before-upload')).toHaveLength(1);
    h.wx.nextPick({ files: [phoneFile('b.mp3', 10)] });
    await m.instance.choose();
    expect(h.wx.chooserCalls[1].options).toMatchObject({ count: 1 });
    (m.of('before-upload')[0] as unknown as BeforeUploadDetail).callback(true);
    await tick();
    expect(data(m).items.map((f) => [f.name, f.state])).toEqual([['a.mp3', 'waiting']]);
  });

  test('an answer after the page left does nothing', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ useBeforeUpload: true });
    await m.instance.choose();
    const ask = m.of('before-upload')[0] as unknown as BeforeUploadDetail;
    m.detach();
    const calls = m.setDataCalls.length;
    ask.callback(true);
    await tick();
    expect(m.setDataCalls.length).toBe(calls);
    expect(h.wx.cloud.requests).toHaveLength(0);
  });
});

describe('reject reason "resource-name"', () => {
  test('a fixed resource-name is taken by a file not failed or cancelled; host files do not count', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    const m = mount({ resourceName: 'ringtone', maxCount: 5, files: [{ name: 'old.mp3', resourceName: 'ringtone' }], autoUpload: false });
    await m.instance.choose();
    expect(m.of('reject')).toEqual([
      { name: 'b.mp3', size: 10, reason: 'resource-name', message: '“b.mp3”未加入：资源名称“ringtone”已被列表中的另一个文件使用' },
    ]);
    expect((m.of('select')[0] as unknown as SelectDetail).files.map((f) => f.name)).toEqual(['a.mp3']);
    // Once that file is cancelled, the name is free again.
    m.instance.abort(data(m).items[0].id as string);
    await tick();
    h.wx.nextPick({ files: [phoneFile('c.mp3', 10)] });
    await m.instance.choose();
    expect(m.of('reject')).toHaveLength(1);
    expect((m.of('select')[1] as unknown as SelectDetail).files.map((f) => f.name)).toEqual(['c.mp3']);
  });
});

describe('extension as a string', () => {
  test.each(['mp3,wav', 'mp3 wav', ' .MP3 , wav '])('%j filters the chooser and the files', async (extension) => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.txt', 10), phoneFile('c.wav', 10)] });
    const m = mount({ extension, maxCount: 5 });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0].options).toMatchObject({ extension: ['mp3', 'wav'] });
    expect(m.of('reject').map((r) => [r.name, r.reason])).toEqual([['b.txt', 'extension']]);
    await settled(m);
    expect(m.of('success').map((s) => s.name)).toEqual(['a.mp3', 'c.wav']);
    expect(m.of('error')).toEqual([]);
  });
});

describe('the error event', () => {
  test('ChooseFailed carries WeChat’s errMsg and shows a localized notice; nothing else happens', async () => {
    const errMsg = 'chooseMessageFile:fail privacy permission is not authorized';
    h.wx.nextPick({ errMsg });
    const m = mount({ locale: 'zh-CN' });
    await m.instance.choose();
    await tick();
    const [error] = m.of('error') as unknown as ErrorDetail[];
    expect(error).toStrictEqual({ code: 'ChooseFailed', message: '同意隐私保护指引后才能选择文件', errMsg });
    expect(data(m).alert).toBe(error.message);
    expect(text(m)).toContain(error.message);
    m.set({ locale: 'en' });
    await tick();
    expect(text(m)).toContain('Files cannot be chosen until the privacy agreement is accepted');
    // A later successful choice clears the notice.
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    await m.instance.choose();
    await tick();
    expect(data(m).alert).toBe('');
  });

  test('another chooser failure keeps WeChat’s words in the message', async () => {
    h.wx.nextPick({ errMsg: 'chooseMedia:fail no permission' });
    const m = mount({ accept: 'image', locale: 'en' });
    await m.instance.choose();
    expect(m.of('error')).toEqual([{ code: 'ChooseFailed', message: 'The file chooser could not open (chooseMedia:fail no permission)', errMsg: 'chooseMedia:fail no permission' }]);
  });

  test('a cancel stays silent', async () => {
    h.wx.nextPick({ cancel: true });
    const m = mount();
    await m.instance.choose();
    await tick();
    expect(m.events).toEqual([]);
    expect(data(m).alert).toBe('');
  });

  test.each([
    ['maxCount', 0, 'max-count'],
    ['maxCount', -3, 'max-count'],
    // NaN and Infinity cross the thread boundary as JSON (null), so a Number property never
    // receives them; property-check's unit test below covers them.
    ['maxSize', -1, 'max-size'],
    // SPEC 0.3: max-size must be a positive finite number; declared `type: null`, so a text arrives as written.
    ['maxSize', 0, 'max-size'],
    ['maxSize', '10MB', 'max-size'],
    ['maxSize', '', 'max-size'],
    ['maxSize', NaN, 'max-size'],
    ['maxSize', Infinity, 'max-size'],
    ['minUploadRate', '1Mbit', 'min-upload-rate'],
    ['minUploadRate', -1, 'min-upload-rate'],
    ['extension', 42, 'extension'],
    ['extension', { mp3: true }, 'extension'],
  ])('InvalidOption: %s = %p names %s, errMsg is empty, and choose() opens no chooser', async (prop, value, property) => {
    const m = mount({ [prop]: value });
    await tick();
    const errors = m.of('error') as unknown as ErrorDetail[];
    expect(errors).toStrictEqual([{ code: 'InvalidOption', message: expect.stringContaining(property), errMsg: '' }]);
    expect(data(m).alert).toBe(errors[0].message);
    await m.instance.choose();
    expect(h.wx.chooserCalls).toHaveLength(0);
  });

  test('property-check: NaN, Infinity and non-numbers are unusable too', () => {
    const ok = { maxCount: 1, maxSize: 10, extension: [] as unknown };
    expect(badProperty(ok)).toBeNull();
    expect(badProperty({ ...ok, extension: 'mp3' })).toBeNull();
    for (const maxSize of [NaN, Infinity, -Infinity, -1, 0, '10MB', '', '1e6', ' 10', '-5', '0', null, undefined, true]) expect(badProperty({ ...ok, maxSize })).toBe('max-size');
    // A text of decimal digits counts as that number (SPEC 0.3 Clarifications).
    for (const maxSize of ['1048576', '10', 1, 0.5]) expect(badProperty({ ...ok, maxSize })).toBeNull();
    for (const minUploadRate of [0, '131072', 1000, undefined]) expect(badProperty({ ...ok, minUploadRate })).toBeNull();
    for (const minUploadRate of [-1, NaN, Infinity, '1Mbit', null]) expect(badProperty({ ...ok, minUploadRate })).toBe('min-upload-rate');
    for (const maxCount of [NaN, Infinity, 0, 0.5, '2' as unknown as number]) expect(badProperty({ ...ok, maxCount })).toBe('max-count');
    for (const extension of [null, 3, {}, true]) expect(badProperty({ ...ok, extension })).toBe('extension');
  });

  test('the max-size message says what it takes, and shows the text as written', async () => {
    const m = mount({ maxSize: '10MB', locale: 'en' });
    await tick();
    expect(m.of('error')).toStrictEqual([{ code: 'InvalidOption', message: 'The property max-size is unusable ("10MB"): it takes a number of bytes, more than 0', errMsg: '' }]);
  });

  test('max-size="1048576" (a text of decimal digits) counts as that number', async () => {
    h.wx.nextPick({ files: [phoneFile('big.mp3', 1048577), phoneFile('fits.mp3', 1048576)] });
    const m = mount({ maxSize: '1048576', maxCount: 2, locale: 'en' });
    await m.instance.choose();
    expect(m.of('error')).toEqual([]);
    expect(m.of('reject')).toEqual([expect.objectContaining({ name: 'big.mp3', reason: 'max-size', message: '"big.mp3" is too large (1 MB); the limit is 1 MB' })]);
    await settled(m);
    expect(m.of('success').map((s) => s.name)).toEqual(['fits.mp3']);
  });

  test('an unusable max-size never refuses a file with a limit of 0 B', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 100)] });
    const m = mount({ maxSize: 1024, autoUpload: false });
    await m.instance.choose();
    m.set({ maxSize: 0 });
    await tick();
    expect(m.of('error')).toStrictEqual([{ code: 'InvalidOption', message: expect.stringContaining('max-size'), errMsg: '' }]);
    m.instance.upload();
    await settled(m);
    expect(m.of('fail')).toEqual([]);
    expect(m.of('success').map((s) => s.name)).toEqual(['a.mp3']);
  });

  test('InvalidOption set at run time is reported once, in the locale, and fixing it clears the notice', async () => {
    const m = mount({ maxCount: 2, locale: 'en' });
    await tick();
    m.set({ maxCount: 0 });
    await tick();
    m.set({ locale: 'en' });
    await tick();
    expect(m.of('error')).toStrictEqual([{ code: 'InvalidOption', message: 'The property max-count is unusable (0): it takes a whole number of at least 1', errMsg: '' }]);
    expect(text(m)).toContain('max-count');
    m.set({ maxCount: 2 });
    await tick();
    expect(data(m).alert).toBe('');
    h.wx.nextPick({ cancel: true });
    await m.instance.choose();
    expect(h.wx.chooserCalls).toHaveLength(1);
  });
});

describe('previews', () => {
  test('an image shows its temp path as a thumbnail; a tap opens previewMedia', async () => {
    const photo = phoneFile('photo.png', 40);
    h.wx.nextPick({ files: [photo] });
    const m = mount({ accept: 'image' });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(data(m).items[0]).toMatchObject({ kind: 'image', thumb: photo.path });
    tap(m, '.ru-thumb');
    await tick();
    expect(fakeMedia().previewMediaCalls).toEqual([expect.objectContaining({ sources: [{ url: photo.path, type: 'image' }], current: 0 })]);
  });

  test('without previewMedia (older clients) an image opens in previewImage', async () => {
    const saved = (globalThis as unknown as { wx: Record<string, unknown> }).wx.previewMedia;
    delete (globalThis as unknown as { wx: Record<string, unknown> }).wx.previewMedia;
    try {
      const photo = phoneFile('photo.jpg', 40);
      h.wx.nextPick({ files: [photo] });
      const m = mount({ accept: 'image' });
      await m.instance.choose();
      await settled(m);
      await tick();
      tap(m, '.ru-thumb');
      await tick();
      expect(fakeMedia().previewImageCalls).toEqual([expect.objectContaining({ urls: [photo.path], current: photo.path })]);
    } finally {
      (globalThis as unknown as { wx: Record<string, unknown> }).wx.previewMedia = saved;
    }
  });

  test('a video shows the cover chooseMedia gives and opens as a video; without a cover, its icon', async () => {
    const clip = phoneFile('clip.mp4', 64);
    const bare = phoneFile('bare.mp4', 64);
    h.wx.nextPick({ files: [{ ...clip, thumb: 'wxfile://tmp/clip-cover.jpg' }, bare] });
    const m = mount({ accept: 'video', maxCount: 2 });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(data(m).items.map((f) => [f.kind, f.thumb])).toEqual([
      ['video', 'wxfile://tmp/clip-cover.jpg'],
      ['video', ''],
    ]);
    expect(m.uploader.querySelectorAll('.ru-thumb')).toHaveLength(1);
    tap(m, '.ru-thumb');
    await tick();
    expect(fakeMedia().previewMediaCalls).toEqual([expect.objectContaining({ sources: [{ url: clip.path, type: 'video' }] })]);
  });

  test('preview false: icons only, no thumbnail, no play button', async () => {
    h.wx.nextPick({ files: [phoneFile('photo.png', 40), phoneFile('ring.mp3', 40)] });
    const m = mount({ accept: 'all', preview: false, maxCount: 2 });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(data(m).items.map((f) => f.thumb)).toEqual(['', '']);
    expect(has(m, '.ru-thumb')).toBe(false);
    expect(has(m, '.ru-play')).toBe(false);
  });

  test('a host file with an image url shows it and previews it', async () => {
    const m = mount({ files: [{ name: 'cover.jpg', url: 'https://example.invalid/cover.jpg' }], maxCount: 2 });
    await tick();
    expect(data(m).hostItems[0]).toMatchObject({ thumb: 'https://example.invalid/cover.jpg' });
    tap(m, '.ru-thumb');
    await tick();
    expect(fakeMedia().previewMediaCalls).toEqual([expect.objectContaining({ sources: [{ url: 'https://example.invalid/cover.jpg', type: 'image' }] })]);
  });
});

describe('audio: play and stop through one shared InnerAudioContext', () => {
  test('play, stop, another uploader takes over, the end of the sound, detach', async () => {
    const ringA = phoneFile('a.mp3', 30);
    h.wx.nextPick({ files: [ringA] });
    const a = mount({ maxCount: 2 });
    await a.instance.choose();
    await settled(a);
    await tick();
    const idA = data(a).items[0].id as string;
    tap(a, '.ru-play');
    await tick();
    expect(fakeMedia().contexts).toHaveLength(1);
    const ctx = fakeMedia().contexts[0];
    expect(ctx.calls.slice(-1)).toEqual([['play', ringA.path]]);
    expect(data(a).playing).toBe(idA);
    expect(a.uploader.querySelector('.ru-play--on')).toBeTruthy();

    // A second uploader on the page plays the host's current ringtone: the first stops.
    const b = mount({ files: [{ name: 'current.mp3', url: 'https://example.invalid/current.mp3' }], maxCount: 2 });
    await tick();
    tap(b, '.ru-play');
    await tick();
    expect(fakeMedia().contexts).toHaveLength(1);
    expect(ctx.calls.slice(-2)).toEqual([
      ['stop', ringA.path],
      ['play', 'https://example.invalid/current.mp3'],
    ]);
    expect(data(a).playing).toBe('');
    expect(data(b).playing).toBe('host-0');

    // Tapping again stops it.
    tap(b, '.ru-play');
    await tick();
    expect(ctx.calls.slice(-1)[0][0]).toBe('stop');
    expect(data(b).playing).toBe('');

    // The end of the sound resets the button.
    tap(a, '.ru-play');
    await tick();
    ctx.finish();
    await tick();
    expect(data(a).playing).toBe('');

    // Detaching stops the sound of that uploader.
    tap(a, '.ru-play');
    await tick();
    const before = ctx.calls.length;
    a.detach();
    expect(ctx.calls.slice(before)).toEqual([['stop', ringA.path]]);
  });

  test('removing the file that plays stops it; non-audio files have no play button', async () => {
    h.wx.nextPick({ files: [phoneFile('r.wav', 30), phoneFile('doc.pdf', 30)] });
    const m = mount({ maxCount: 2, accept: 'all' });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(m.uploader.querySelectorAll('.ru-play')).toHaveLength(1);
    tap(m, '.ru-play');
    await tick();
    const ctx = fakeMedia().contexts[0];
    m.instance.remove(data(m).items[0].id as string);
    expect(ctx.calls.slice(-1)[0][0]).toBe('stop');
    await tick();
    expect(data(m).playing).toBe('');
  });
});

describe('locale', () => {
  test('a failed file’s message is re-worded when the locale changes', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ productId: '', locale: 'zh-CN' });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(data(m).items[0]).toMatchObject({ state: 'failed', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    m.set({ locale: 'en' });
    await tick();
    expect(data(m).items[0].message).toMatch(/product/i);
    expect(data(m).items[0].message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('path in select and success', () => {
  test('the temp path, for the host’s own preview', async () => {
    const f = phoneFile('v.mp3', 12);
    h.wx.nextPick({ files: [f] });
    const m = mount();
    await m.instance.choose();
    await settled(m);
    expect((m.of('select')[0] as unknown as SelectDetail).files[0].path).toBe(f.path);
    expect(m.of('success')[0].path).toBe(f.path);
  });
});
