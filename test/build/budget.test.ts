/**
 * What a host pays for the package, as a size ceiling (a benchmark figure, not a timing): the
 * runtime files with each JS file minified on its own as DevTools does on upload, the rest as
 * shipped; and raw. Issue 13 set 45,000 B and 75,000 B as the goal for 0.2; 0.2 with its features
 * is heavier (README "Weight" says by how much and why), so the ceiling is what it weighs now,
 * plus a little: it stops the package from growing unnoticed. Lower it when weight is cut; raise
 * it only in a commit that says what the bytes buy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { measurePackage } from '../../bench/package-weight';
import { RAW_GOAL, SHIPPED_GOAL } from '../../bench/weight';

// Issue 12 (background, lost network, weak signal: the life-cycle monitor, the request gate, paused
// files and their texts, minUploadRate) costs about 6.7 KB shipped, 13 KB raw.
// Raised by the 0.3 restructuring (app-wide state, the component's own reject texts); issue 17 brings it to 70000 / 110000.
// Issue 17: the build minifies every module, template and style (raw 129.4 KB -> 78.2 KB); 0.3's
// features then came in (records, waits, secrets, chooser rules, stored files: about +13 KB).
// Shipped is above issue 17's 70000: the ceiling holds what is measured, so nothing grows unseen.
const CEILING = { shipped: 91500, raw: 92000 };

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
