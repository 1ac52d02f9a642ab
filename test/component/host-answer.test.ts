/**
 * @jest-environment jsdom
 *
 * SPEC 0.3 "The host's answer and the list", rendered by miniprogram-simulate with WeChat's
 * official compiler: candidates (files waiting for `before-upload`'s callback) and what drops
 * them, `callback(true)` re-checking the room, the host's `files` (unusable entries, entries
 * beyond `max-count`, URL schemes), rows drawn and the size of every `setData`.
 */
import { useFakeMedia } from '../support/fake-media';
import type { Mounted } from '../support/mount-uploader';
import { settled, tick, uploaderHarness } from '../support/uploader-harness';
import type { BeforeUploadDetail, ErrorDetail, RejectDetail, SelectDetail } from '../../components/resource-uploader/types';

const TOKEN = 'tok-host-answer-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount, phoneFile } = h;
const fakeMedia = useFakeMedia();

type Data = Record<string, unknown> & { items: Array<Record<string, unknown>>; hostItems: Array<Record<string, unknown>> };
const data = (m: Mounted) => m.instance.data as Data;
const ask = (m: Mounted, i = 0) => m.of('before-upload')[i] as unknown as BeforeUploadDetail;
const rejects = (m: Mounted) => (m.of('reject') as unknown as RejectDetail[]).map((r) => [r.name, r.reason]);
const selected = (m: Mounted) => (m.of('select') as unknown as SelectDetail[]).map((s) => s.files.map((f) => f.name));
const fileErrors = (m: Mounted) => (m.of('error') as unknown as ErrorDetail[]).filter((e) => e.code === 'InvalidOption' && /\bfiles\b/.test(e.message));
/** The component's tap handlers, called as a tap on a row with this id would. */
const tapRow = (m: Mounted, handler: 'onPreviewTap' | 'onPlayTap', id: string) =>
  (m.instance as unknown as Record<string, (e: unknown) => void>)[handler]({ currentTarget: { dataset: { id } } });

describe('candidates: files waiting for the host’s answer', () => {
  test('clear() drops them: a later callback(true) adds nothing, and their places are free again', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, maxCount: 2 });
    await m.instance.choose();
    m.instance.clear();
    ask(m).callback(true);
    await tick();
    expect(m.of('select')).toEqual([]);
    expect(data(m).items).toEqual([]);
    expect(h.wx.cloud.requests).toHaveLength(0);
    // Never selected, so never announced as removed either.
    expect(m.of('remove')).toEqual([]);
    h.wx.nextPick({ files: [phoneFile('c.mp3', 10)] });
    await m.instance.choose();
    expect(h.wx.chooserCalls[1].options).toMatchObject({ count: 2 });
  });

  test('remove(id) drops one: the callback adds only the others', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, maxCount: 3 });
    await m.instance.choose();
    const [first] = ask(m).files;
    m.instance.remove(first.id);
    // Not a row, not selected while the host decides.
    expect(data(m).items).toEqual([]);
    ask(m).callback(true);
    await settled(m);
    expect(selected(m)).toEqual([['b.mp3']]);
    expect(m.of('success').map((s) => s.name)).toEqual(['b.mp3']);
  });

  test('a candidate holds a fixed resource-name only until it is answered or dropped', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, resourceName: 'ringtone', maxCount: 5, autoUpload: false });
    await m.instance.choose();
    // While the host decides on a.mp3, the name is taken.
    h.wx.nextPick({ files: [phoneFile('b.mp3', 10)] });
    await m.instance.choose();
    expect(rejects(m)).toEqual([['b.mp3', 'resource-name']]);
    expect(m.of('before-upload')).toHaveLength(1);
    // Dropped: the name is free for the next choice.
    m.instance.clear();
    h.wx.nextPick({ files: [phoneFile('c.mp3', 10)] });
    await m.instance.choose();
    expect(rejects(m)).toHaveLength(1);
    expect(ask(m, 1).files.map((f) => f.name)).toEqual(['c.mp3']);
    // Answered no: free again.
    ask(m, 1).callback(false);
    h.wx.nextPick({ files: [phoneFile('d.mp3', 10)] });
    await m.instance.choose();
    expect(rejects(m).slice(1)).toEqual([['c.mp3', 'host']]);
    expect(ask(m, 2).files.map((f) => f.name)).toEqual(['d.mp3']);
  });

  test('callback(true) after max-count was lowered: the files beyond the room, in the order chosen, are rejected as max-count', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10), phoneFile('c.mp3', 10)] });
    const m = mount({ useBeforeUpload: true, maxCount: 3, locale: 'en' });
    await m.instance.choose();
    m.set({ maxCount: 2 });
    await tick();
    ask(m).callback(true);
    await settled(m);
    expect(selected(m)).toEqual([['a.mp3', 'b.mp3']]);
    expect(m.of('reject')).toEqual([{ name: 'c.mp3', size: 10, reason: 'max-count', message: '"c.mp3" was left out: the list holds at most 2 files' }]);
    expect(data(m).items.map((f) => f.name)).toEqual(['a.mp3', 'b.mp3']);
  });

  test('callback(true) after host files were added: the candidates that no longer fit are rejected as max-count', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10), phoneFile('b.mp3', 10)] });
    // Bound from the start, as a page binds `files="{{ files }}"`.
    const m = mount({ useBeforeUpload: true, maxCount: 3, files: [] });
    await m.instance.choose();
    m.set({ files: [{ name: 'h1.mp3' }, { name: 'h2.mp3' }] });
    await tick();
    ask(m).callback(true);
    await settled(m);
    expect(selected(m)).toEqual([['a.mp3']]);
    expect(rejects(m)).toEqual([['b.mp3', 'max-count']]);
    expect(data(m).hostItems.map((r) => r.name)).toEqual(['h1.mp3', 'h2.mp3']);
    expect(fileErrors(m)).toEqual([]);
  });
});

describe('files: what the host already has', () => {
  test('entries that are not objects with a non-empty string name are left out with InvalidOption naming files; rows keep host-<index>', async () => {
    const m = mount({ files: [null, { name: '' }, { name: 'ok.mp3', size: 2048 }, 'x.mp3', { name: 7 }, { size: 1 }, { name: 'two.wav' }], maxCount: 9, locale: 'en' });
    await tick();
    expect(data(m).hostItems.map((r) => [r.id, r.name])).toEqual([
      ['host-2', 'ok.mp3'],
      ['host-6', 'two.wav'],
    ]);
    const errors = fileErrors(m);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'InvalidOption', errMsg: '' });
    // Usable ones are counted: 9 less 2.
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    await m.instance.choose();
    expect(h.wx.chooserCalls[0].options).toMatchObject({ count: 7 });
    // Removing names the host's own slot.
    m.instance.remove('host-6');
    await tick();
    expect(m.of('remove')).toEqual([{ id: 'host-6' }]);
    // Once per bad value: a usable value afterwards reports nothing more.
    m.set({ files: [{ name: 'fine.mp3' }] });
    await tick();
    expect(fileErrors(m)).toHaveLength(1);
  });

  test('beyond max-count: the first usable ones in the host’s order are kept, with InvalidOption naming files; a later max-count applies the rule again', async () => {
    const files = [{ name: 'h0.mp3' }, null, { name: 'h2.mp3' }, { name: 'h3.mp3' }, { name: 'h4.mp3' }];
    const m = mount({ files, maxCount: 2 });
    await tick();
    expect(data(m).hostItems.map((r) => r.id)).toEqual(['host-0', 'host-2']);
    expect(data(m).full).toBe(true);
    expect(fileErrors(m).length).toBeGreaterThanOrEqual(1);
    const before = fileErrors(m).length;
    m.set({ maxCount: 4 });
    await tick();
    expect(data(m).hostItems.map((r) => r.id)).toEqual(['host-0', 'host-2', 'host-3', 'host-4']);
    m.set({ maxCount: 1 });
    await tick();
    expect(data(m).hostItems.map((r) => r.id)).toEqual(['host-0']);
    expect(fileErrors(m).length).toBeGreaterThan(before);
  });

  test('host files beyond the room left beside the chosen files are left out', async () => {
    h.wx.nextPick({ files: [phoneFile('a.mp3', 10)] });
    const m = mount({ maxCount: 2, files: [] });
    await m.instance.choose();
    await settled(m);
    m.set({ files: [{ name: 'h0.mp3' }, { name: 'h1.mp3' }] });
    await tick();
    expect(data(m).hostItems.map((r) => r.id)).toEqual(['host-0']);
    expect(data(m).items.map((r) => r.name)).toEqual(['a.mp3']);
    expect(fileErrors(m)).toHaveLength(1);
  });

  const usable = ['https://example.invalid/a.jpg', 'http://127.0.0.1:8080/a.jpg', 'http://localhost/a.jpg', 'wxfile://tmp/a.jpg', 'http://tmp/a.jpg', 'http://usr/a.jpg'];
  const unusable = ['javascript:alert(1)//a.jpg', 'data:image/png;base64,AAAA', 'http://evil.example/a.jpg', 'ftp://example.invalid/a.jpg', 'JAVASCRIPT:alert(1)', 'https://evil.example\\@127.0.0.1/a.jpg'];

  test.each(usable)('an image url %s is shown and previewed', async (url) => {
    const m = mount({ files: [{ name: 'cover.jpg', url }], maxCount: 2 });
    await tick();
    expect(data(m).hostItems[0]).toMatchObject({ thumb: url, hasUrl: true });
    tapRow(m, 'onPreviewTap', 'host-0');
    expect(fakeMedia().previewMediaCalls).toEqual([expect.objectContaining({ sources: [{ url, type: 'image' }] })]);
  });

  test.each(unusable)('an url %s is never used: no thumbnail, no preview, no play', async (url) => {
    const m = mount({ files: [{ name: 'cover.jpg', url }, { name: 'ring.mp3', url }], maxCount: 2 });
    await tick();
    expect(data(m).hostItems.map((r) => [r.thumb, r.hasUrl])).toEqual([
      ['', false],
      ['', false],
    ]);
    expect(m.setDataCalls.some((c) => JSON.stringify(c.data).includes(JSON.stringify(url).slice(1, -1)))).toBe(false);
    tapRow(m, 'onPreviewTap', 'host-0');
    tapRow(m, 'onPlayTap', 'host-1');
    await tick();
    expect(fakeMedia().previewMediaCalls).toEqual([]);
    expect(fakeMedia().previewImageCalls).toEqual([]);
    expect(fakeMedia().contexts.every((c) => c.calls.every(([, src]) => src !== url))).toBe(true);
    expect(data(m).playing).toBe('');
  });
});

describe('rows drawn and the size of setData', () => {
  const many = (n: number, pad = 0) => Array.from({ length: n }, (_, i) => ({ name: `ringtone-${i}-${'x'.repeat(pad)}.mp3`, size: 1000 + i, url: `https://example.invalid/${i}/${'y'.repeat(pad)}.mp3` }));

  test('9,000 host files with max-count 9: 9 rows, InvalidOption naming files, no setData over 64 KiB', async () => {
    const m = mount({ files: many(9000), maxCount: 9 });
    await tick();
    expect(data(m).hostItems).toHaveLength(9);
    expect(m.uploader.querySelectorAll('.ru-remove')).toHaveLength(9);
    expect(fileErrors(m)).toHaveLength(1);
    expect(Math.max(...m.setDataCalls.map((c) => c.bytes))).toBeLessThanOrEqual(64 * 1024);
  });

  test('rows that together pass 64 KiB go in several calls, none over 64 KiB, and the view holds them all', async () => {
    const files = many(600, 120);
    const m = mount({ files, maxCount: 600 });
    await tick(100);
    expect(data(m).hostItems).toHaveLength(600);
    expect(data(m).hostItems.map((r) => r.name)).toEqual(files.map((f) => f.name));
    const sizes = m.setDataCalls.map((c) => c.bytes);
    // The rows alone weigh more than one call may carry: split, and every piece within the cap.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(64 * 1024);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
    expect(fileErrors(m)).toEqual([]);
  });
});
