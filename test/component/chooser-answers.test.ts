/**
 * @jest-environment jsdom
 *
 * SPEC 0.3 "Choosers and frameworks": what a chooser hands back is untrusted, and a chooser API
 * may be missing altogether. A size given as decimal digits counts as that number; a missing name
 * becomes the path's last segment; entries without a usable path or size are left out with one
 * `error` ChooseFailed per choice whose errMsg names the field; a missing API is a ChooseFailed
 * naming it, with nothing opened; a missing chooseMedia still falls back.
 */
import type { ErrorDetail, SelectDetail } from '../../components/resource-uploader/types';
import { settled, tick, uploaderHarness } from '../support/uploader-harness';

const TOKEN = 'tok-chooser-answers-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount, phoneFile } = h;

const selected = (m: ReturnType<typeof mount>) => (m.of('select') as unknown as SelectDetail[]).flatMap((s) => s.files.map((f) => ({ name: f.name, size: f.size, path: f.path })));

describe('untrusted chooser answers', () => {
  test('a size of decimal digits counts as that number, and the file uploads', async () => {
    const f = phoneFile('ring.mp3', 1234);
    h.wx.nextPick({ tempFiles: [{ path: f.path, size: '1234', name: 'ring.mp3', type: 'file', time: 1 }] });
    const m = mount();
    await m.instance.choose();
    await settled(m);
    expect(selected(m)).toEqual([{ name: 'ring.mp3', size: 1234, path: f.path }]);
    expect(m.of('success')).toEqual([expect.objectContaining({ name: 'ring.mp3', size: 1234 })]);
    expect(h.wx.cloud.calls('AppGetResourceUploadURL')[0].json).toMatchObject({ FileSize: 1234 });
    expect(m.of('error')).toEqual([]);
  });

  test.each([
    ['no name', {}],
    ['an empty name', { name: '' }],
    ['a number as name', { name: 42 }],
  ])('%s: the name is the path’s last segment', async (_label, name) => {
    const f = phoneFile('voice-note.wav', 20);
    h.wx.nextPick({ tempFiles: [{ path: f.path, size: 20, ...name }] });
    const m = mount();
    await m.instance.choose();
    await tick();
    expect(selected(m)).toEqual([{ name: 'voice-note.wav', size: 20, path: f.path }]);
    expect(m.of('error')).toEqual([]);
  });

  test('entries without a usable path or size are left out: one ChooseFailed for the choice, naming the fields; the rest go on', async () => {
    const good = phoneFile('good.mp3', 10);
    h.wx.nextPick({
      tempFiles: [
        { path: '', size: 10, name: 'no-path.mp3' },
        { size: 10, name: 'also-no-path.mp3' },
        { path: 'wxfile://tmp/big.mp3', size: '10KB', name: 'big.mp3' },
        { path: 'wxfile://tmp/neg.mp3', size: -1, name: 'neg.mp3' },
        { path: 'wxfile://tmp/exp.mp3', size: '1e3', name: 'exp.mp3' },
        null,
        { path: good.path, size: 10, name: 'good.mp3' },
      ],
    });
    const m = mount({ maxCount: 9, locale: 'en' });
    await m.instance.choose();
    await settled(m);
    const errors = m.of('error') as unknown as ErrorDetail[];
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('ChooseFailed');
    expect(errors[0].errMsg).toMatch(/\bpath\b/);
    expect(errors[0].errMsg).toMatch(/\bsize\b/);
    expect(errors[0].errMsg).toContain('6');
    expect(errors[0].message).not.toBe('');
    expect(errors[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    // No reject for them (they are not files the user could be told about), and the good one uploads.
    expect(m.of('reject')).toEqual([]);
    expect(selected(m)).toEqual([{ name: 'good.mp3', size: 10, path: good.path }]);
    expect(m.of('success').map((s) => s.name)).toEqual(['good.mp3']);
  });

  test('only a bad size: the errMsg names size, not path; chooseMedia answers are checked too', async () => {
    h.wx.nextPick({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 'big', fileType: 'image' }] });
    const m = mount({ accept: 'image' });
    await m.instance.choose();
    await tick();
    const [error] = m.of('error') as unknown as ErrorDetail[];
    expect(error).toMatchObject({ code: 'ChooseFailed', errMsg: expect.stringMatching(/\bsize\b/) });
    expect(error.errMsg).not.toMatch(/\bpath\b/);
    expect(m.of('select')).toEqual([]);
    expect(h.wx.cloud.requests).toHaveLength(0);
  });
});

describe('a chooser API that does not exist', () => {
  test('no wx.chooseMessageFile (inside a plugin): ChooseFailed naming it, nothing opened, choose() resolves', async () => {
    h.replaceWx({ missing: ['chooseMessageFile'] });
    const m = mount({ locale: 'en' });
    await expect(m.instance.choose()).resolves.toBeUndefined();
    await tick();
    const errors = m.of('error') as unknown as ErrorDetail[];
    expect(errors).toEqual([{ code: 'ChooseFailed', message: expect.any(String), errMsg: expect.stringContaining('wx.chooseMessageFile') }]);
    expect(h.wx.chooserCalls).toEqual([]);
    expect(m.of('select')).toEqual([]);
    // The next tap tries again (the chooser is not left "open").
    await m.instance.choose();
    expect(m.of('error')).toHaveLength(2);
  });

  test('no chooseMedia and no chooseVideo for a video: ChooseFailed naming chooseMedia first; chooseImage is not opened for a video', async () => {
    h.replaceWx({ chooseMedia: false, missing: ['chooseVideo'] });
    const m = mount({ accept: 'video' });
    await m.instance.choose();
    await tick();
    const [error] = m.of('error') as unknown as ErrorDetail[];
    expect(error.code).toBe('ChooseFailed');
    expect(error.errMsg.indexOf('wx.chooseMedia')).toBeGreaterThanOrEqual(0);
    expect(error.errMsg.indexOf('wx.chooseMedia')).toBeLessThan(error.errMsg.indexOf('wx.chooseVideo'));
    expect(h.wx.chooserCalls).toEqual([]);
  });

  test('a missing chooseMedia still falls back to chooseImage, whose answer is checked as well', async () => {
    h.replaceWx({ chooseMedia: false });
    const photo = phoneFile('photo.png', 30);
    h.wx.nextPick({ tempFiles: [{ path: photo.path, size: '30' }] });
    const m = mount({ accept: 'image' });
    await m.instance.choose();
    await settled(m);
    expect(h.wx.chooserCalls.map((c) => c.api)).toEqual(['chooseImage']);
    expect(selected(m)).toEqual([{ name: 'photo.png', size: 30, path: photo.path }]);
    expect(m.of('error')).toEqual([]);
  });
});
