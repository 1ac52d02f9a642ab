/** The build's minification of templates and styles (gulpfile `minifyWxml`, `minifyModule`). */
import { minifyModule, minifyWxml } from '../../gulpfile';

test('WXML loses comments, indentation and the spaces inside {{ }}, nothing a user sees', () => {
  const wxml = '<view\n  class="a {{ x > 1 ? \'b  c\' : \'\' }}"\n  data-id="{{ id }}"\n>\n  <!-- note -->\n  <text>{{ name }} — {{ size }}</text>\n  <text> kept  spaces </text>\n  <image src="{{ s }}" />\n</view>\n';
  expect(minifyWxml(wxml)).toBe('<view class="a {{x > 1 ? \'b  c\' : \'\'}}" data-id="{{id}}"><text>{{name}} — {{size}}</text><text> kept  spaces </text><image src="{{s}}"/></view>');
});

test('a < or > inside a quoted value or a mustache is not a tag', () => {
  expect(minifyWxml('<view wx:if="{{ k < n }}">{{ a < b ? 1 : 2 }}</view>')).toBe('<view wx:if="{{k < n}}">{{a < b ? 1 : 2}}</view>');
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
