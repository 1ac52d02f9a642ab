/**
 * What a host pays for the package, as a size ceiling (a benchmark figure, not a timing): the
 * runtime files with each JS file minified on its own as DevTools does on upload, the rest as
 * shipped; and raw. Issue 17 set 70,000 B and 110,000 B as the goal for 0.3; the ceiling is what
 * the package weighs now, plus a little, so it cannot grow unnoticed. Lower it when weight is cut;
 * raise it only in a commit that says what the bytes buy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { measurePackage } from '../../bench/package-weight';
import { RAW_GOAL, SHIPPED_GOAL } from '../../bench/weight';

// Issue 17: the build minifies every module, template and style (raw 129.4 KB -> 78.2 KB); 0.3's
// features then came in (+13 KB), and one pass per concern took 91.3 KB back to 66.9 KB: one row
// markup and short isolated classes, one word table per layer for both locales, one task path for
// upload and download, one settle path in the queue, private members and internal exports shortened.
const CEILING = { shipped: 68000, raw: 68500 };

const dist = path.resolve(__dirname, '../../miniprogram_dist');
if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
const weight = measurePackage(dist);
const detail = weight.files.map((f) => `${f.path}: ${f.raw} B raw, ${f.shipped} B shipped`).join('\n');

test(`runtime files, JS minified per file as DevTools does: at most ${CEILING.shipped} B (goal ${SHIPPED_GOAL} B)`, () => {
  expect({ shipped: weight.shipped, detail }).toEqual({ shipped: Math.min(weight.shipped, CEILING.shipped), detail });
});

test(`runtime files, raw: at most ${CEILING.raw} B (goal ${RAW_GOAL} B)`, () => {
  expect({ raw: weight.raw, detail }).toEqual({ raw: Math.min(weight.raw, CEILING.raw), detail });
});
