/** The build's hand conversion of esbuild's ES-module output to CommonJS (gulpfile `toCommonJs`). */
import { toCommonJs } from '../../gulpfile';

test('named imports become one require per module; the export list becomes module.exports', () => {
  const out = toCommonJs('import { a, b as b2 } from "../core/index";\nimport { c } from "../core/index";\nimport { d } from "../index";\n// components/x.ts\nvar e = a(b2, c, d);\nexport {\n  e,\n  e as f\n};\n', 'x.js');
  expect(out).toBe('"use strict";\nconst { a, b: b2, c } = require("../core/index");\nconst { d } = require("../index");\n// components/x.ts\nvar e = a(b2, c, d);\nmodule.exports = {\n  e,\n  f: e\n};\n');
});

test('an import-only source leaves no empty marker behind', () => {
  expect(toCommonJs('import { a } from "./y";\n// components/only-imports.ts\n\n// components/z.ts\na();\n', 'x.js')).toBe('"use strict";\nconst { a } = require("./y");\n// components/z.ts\na();\n');
});

test('what it cannot convert faithfully fails the build', () => {
  expect(() => toCommonJs('import y from "./y";\ny();\n', 'x.js')).toThrow('cannot turn');
  expect(() => toCommonJs('import * as y from "./y";\ny.a();\n', 'x.js')).toThrow('cannot turn');
  expect(() => toCommonJs('var a = 1;\nfunction f() {\n  a = 2;\n}\nexport {\n  a\n};\n', 'x.js')).toThrow('exported a is reassigned');
});
