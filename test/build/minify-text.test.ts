/** The build's minification of templates and styles (gulpfile `minifyWxml`, `minifyModule`). */
import * as fs from 'fs';
import * as path from 'path';
import { minifyModule, minifyWxml, shortenableNames } from '../../gulpfile';

test('WXML loses comments, indentation and the spaces inside {{ }}, nothing a user sees', () => {
  const wxml = '<view\n  class="a {{ x > 1 ? \'b  c\' : \'\' }}"\n  data-id="{{ id }}"\n>\n  <!-- note -->\n  <text>{{ name }} — {{ size }}</text>\n  <text> kept  spaces </text>\n  <image src="{{ s }}" />\n</view>\n';
  expect(minifyWxml(wxml)).toBe('<view class="a {{x>1?\'b  c\':\'\'}}" data-id="{{id}}"><text>{{name}} — {{size}}</text><text> kept  spaces </text><image src="{{s}}"/></view>');
});

test('a < or > inside a quoted value or a mustache is not a tag', () => {
  expect(minifyWxml('<view wx:if="{{ k < n }}">{{ a < b ? 1 : 2 }}</view>')).toBe('<view wx:if="{{k<n}}">{{a<b?1:2}}</view>');
});

test('inside a mustache, spaces go except in strings, between two words and between two signs', () => {
  expect(minifyWxml('<text>{{ a - -b }} {{ x ? "a  b" : c }} {{ ...item, n: 1 }}</text>')).toBe('<text>{{a- -b}} {{x?"a  b":c}} {{...item,n:1}}</text>');
});

test('what it cannot read fails the build', () => {
  expect(() => minifyWxml('<view><!-- open')).toThrow('unclosed comment');
  expect(() => minifyWxml('<view class="a>')).toThrow('unclosed attribute value');
});

test('a module keeps its exports and requires, its local names get short', async () => {
  const out = await minifyModule('"use strict";\nconst { longImportedName } = require("./core/index");\nfunction helperWithALongName(value) {\n  return longImportedName(value) + 1;\n}\nmodule.exports = {\n  exportedName: helperWithALongName\n};\n');
  expect(out).toContain('require("./core/index")');
  expect(out).toContain('longImportedName:');
  expect(out).toContain('exportedName:');
  expect(out).not.toContain('helperWithALongName');
  const m = { exports: {} as { exportedName: (v: number) => number } };
  new Function('module', 'require', out)(m, () => ({ longImportedName: (v: number) => v * 2 }));
  expect(m.exports.exportedName(20)).toBe(41);
});

test('a private member gets one short name in every module, a public one keeps its own', async () => {
  const mangle = { names: /^(?:heldWeight)$/, cache: {} };
  const a = await minifyModule('"use strict";\nclass Queue {\n  constructor() { this.heldWeight = 3; this.running = 1; }\n}\nmodule.exports = { Queue };\n', mangle);
  const b = await minifyModule('"use strict";\nconst { Queue } = require("./a");\nmodule.exports = { held: (q) => q.heldWeight + q.running };\n', mangle);
  expect(a + b).not.toContain('heldWeight');
  expect(a + b).toContain('running');
  const m = { exports: {} as { Queue: new () => object } };
  new Function('module', 'require', a)(m, () => ({}));
  const n = { exports: {} as { held: (q: object) => number } };
  new Function('module', 'require', b)(n, () => m.exports);
  expect(n.exports.held(new m.exports.Queue())).toBe(4);
});

test('the names the build shortens are private in the declarations and read nowhere a host or WeChat can see', () => {
  const names = shortenableNames(); // reads types/, which the build wrote
  expect(names.length).toBeGreaterThan(10);
  // Private parameter properties too: the constructor's parameter of the same name is read by no one.
  expect(names).toEqual(expect.arrayContaining(['viewSource', 'lifecycleSource', 'queueOptions']));
  const root = path.join(__dirname, '../..');
  const visible = [path.join(root, 'README.md'), path.join(root, 'components/resource-uploader/index.wxml'), path.join(root, 'types/index.d.ts')].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  for (const name of names) expect(visible).not.toMatch(new RegExp(`\\b${name}\\b`));
  const dist = ['core/index.js', 'resource-uploader/index.js', 'index.js'].map((f) => fs.readFileSync(path.join(root, 'miniprogram_dist', f), 'utf8')).join('\n');
  for (const name of names) expect(dist).not.toMatch(new RegExp(`\\.${name}\\b`));
});
