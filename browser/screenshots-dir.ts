/**
 * Where the browser tests put their pictures. `npm run screenshots` points them at the README's
 * `docs/screenshots/`; a plain test run writes to a folder in the temp dir (kept, to look at), so
 * running the tests changes no tracked file.
 */
import * as os from 'os';
import * as path from 'path';

export const README_SCREENSHOTS = path.resolve(__dirname, '..', 'docs', 'screenshots');
/** Set by `npm run screenshots`; any folder works. */
export const SCREENSHOTS_ENV = 'UPLOADER_SCREENSHOTS_DIR';

export function screenshotsDir(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[SCREENSHOTS_ENV];
  if (chosen) return path.resolve(chosen);
  // One folder per user: another account's folder in a shared /tmp is not writable.
  return path.join(os.tmpdir(), `iotexplorer-resource-uploader-screenshots-${os.userInfo().username}`);
}
