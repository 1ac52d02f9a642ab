/**
 * `npm run screenshots`: the README's pictures, taken by the browser tests themselves (same flow,
 * same states) with their output pointed at `docs/screenshots/`. A test that calls
 * `screenshotPhone(s, 'name')` adds `docs/screenshots/name.png` the next time this runs.
 */
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import * as path from 'path';
import { README_SCREENSHOTS, SCREENSHOTS_ENV } from './screenshots-dir';

const ROOT = path.resolve(__dirname, '..');
// In band: one browser at a time, so the pictures do not depend on how busy the machine is.
const jest = spawnSync(process.execPath, [createRequire(__filename).resolve('jest/bin/jest'), '--runInBand', 'test/e2e', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, [SCREENSHOTS_ENV]: README_SCREENSHOTS },
});
if (jest.status === 0) console.log(`Screenshots written to ${path.relative(ROOT, README_SCREENSHOTS)}/`);
process.exit(jest.status ?? 1);
