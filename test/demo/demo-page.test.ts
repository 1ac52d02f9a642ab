/**
 * @jest-environment jsdom
 *
 * The demo page itself, run in miniprogram-simulate with WeChat's compiler and the BUILT package
 * (as "Build npm" copies it): the current ringtone from `files`, the before-upload question, and a
 * refused or accepted ringtone. The shims are the README's ("Test your page").
 */
import * as fs from 'fs';
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { FakeWx } from '../support/fake-wx';
import { ROOT } from './host';

const DIST = path.join(ROOT, 'miniprogram_dist');
// The page requires the package by name, as a host page does: in a host that name is in
// node_modules (WeChat: miniprogram_npm); here it is the build.
jest.mock('iotexplorer-resource-uploader', () => jest.requireActual('../../miniprogram_dist/index.js'), { virtual: true });
const UPLOADER = 'miniprogram_dist/resource-uploader';
const VANT = 'node_modules/@vant/weapp/lib';
const VANT_PARTS = ['button', 'icon', 'loading', 'progress', 'info'];

type PageOptions = { data?: Record<string, unknown>; onLoad?: (query: Record<string, string>) => void } & Record<string, unknown>;
(globalThis as unknown as { Page: (options: PageOptions) => void }).Page = ({ data, onLoad, ...methods }) => {
  (globalThis as unknown as { Component: (options: object) => void }).Component({
    data,
    methods,
    lifetimes: {
      attached(this: object) {
        if (onLoad) onLoad.call(this, {});
      },
    },
  });
};

let pageId: string;
let wx: FakeWx;
const modals: Array<Record<string, unknown>> = [];
let answer = false;

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'resource-uploader/index.js'))) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
  const usingComponents: Record<string, string> = { 'resource-uploader': `/${UPLOADER}/index` };
  for (const part of VANT_PARTS) usingComponents[`van-${part}`] = `/${VANT}/${part}/index`;
  const wxmlList = ['miniprogram/pages/index/index.wxml', `${UPLOADER}/index.wxml`, ...VANT_PARTS.map((p) => `${VANT}/${p}/index.wxml`)];
  const wxsList = fs
    .readdirSync(path.join(ROOT, VANT, 'wxs'))
    .map((f) => `${VANT}/wxs/${f}`)
    .concat(VANT_PARTS.filter((p) => fs.existsSync(path.join(ROOT, VANT, p, 'index.wxs'))).map((p) => `${VANT}/${p}/index.wxs`));
  pageId = simulate.load(path.join(ROOT, 'miniprogram/pages/index/index'), 'demo-page', { compiler: 'official', rootPath: ROOT, compilerOptions: { wxmlList, wxsList }, usingComponents });
});

beforeEach(() => {
  wx = new FakeWx();
  modals.length = 0;
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = (o: Record<string, unknown> & { success?: (r: object) => void }) => {
    modals.push(o);
    setTimeout(() => o.success && o.success({ errMsg: 'showModal:ok', confirm: answer, cancel: !answer }), 0);
  };
});

afterEach(() => wx.restore());

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error('timed out waiting for ' + what);
};

async function render() {
  const page = simulate.render(pageId);
  page.attach(document.createElement('parent-wrapper'));
  const ringtones = page.querySelector('#ringtones')!;
  await until(() => (ringtones.dom!.textContent || '').includes('current-ring.mp3'), 'the current ringtone');
  return { page, ringtones, log: () => (page.instance.data as { log: string[] }).log };
}

test('the ringtone section shows the current ringtone as done and asks before a new one goes', async () => {
  const { page, ringtones, log } = await render();
  expect(ringtones.dom!.textContent).toContain('上传成功');
  const file = wx.addFile('wxfile://tmp/new-ring.mp3', new Uint8Array(64).fill(7));
  wx.nextPick({ files: [{ ...file, name: 'new-ring.mp3' }] });
  answer = false;
  await (ringtones.instance as unknown as { choose(): Promise<void> }).choose();
  // max-count 2 with one current ringtone: room for one.
  expect(wx.chooserCalls[0].options).toMatchObject({ count: 1, extension: ['mp3', 'wav'] });
  await until(() => log().some((l) => l.startsWith('reject')), 'the refusal in the log');
  expect(modals[0]).toMatchObject({ title: 'Add this ringtone?', content: 'new-ring.mp3' });
  expect(log()[0]).toBe('reject {"name":"new-ring.mp3","reason":"host"}');
  expect(wx.cloud.requests).toHaveLength(0);

  // Removing the current ringtone updates the page's list.
  const remove = ringtones.querySelector('.ru-remove')!;
  remove.dispatchEvent('tap');
  await until(() => (page.instance.data as { ringtones: unknown[] }).ringtones.length === 0, 'the ringtone removed');
  expect(log()[0]).toBe('remove {"name":"current-ring.mp3"}');
  page.detach();
});

test('a ringtone the user accepts is uploaded', async () => {
  const { page, ringtones, log } = await render();
  const file = wx.addFile('wxfile://tmp/yes.wav', new Uint8Array(80).fill(3));
  wx.nextPick({ files: [{ ...file, name: 'yes.wav' }] });
  answer = true;
  // app.js's login stand-in, on the built package the page's component uses.
  const pkg = require(path.join(DIST, 'index.js')) as typeof import('../../components/index');
  pkg.setAccessTokenProvider(() => 'tok-demo-page-0123456789abcdef');
  await (ringtones.instance as unknown as { choose(): Promise<void> }).choose();
  await until(() => log().some((l) => l.startsWith('success')), 'success in the log');
  pkg.setAccessTokenProvider(null);
  expect(log()[0]).toMatch(/^success \{"name":"yes.wav","resourceName":"USER_\d+_RES_[0-9a-f]{32}"\}$/);
  page.detach();
});
