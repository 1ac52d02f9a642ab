/** The demo's `config.js` knows the token its login stand-in hands out; the playground's emulator accepts it. */
import * as path from 'path';
import { DEMO_DIR } from './paths';

export function demoToken(demoDir = DEMO_DIR): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(demoDir, 'config.js')) as { devToken?: unknown };
    return typeof config.devToken === 'string' && config.devToken !== '' ? config.devToken : undefined;
  } catch {
    return undefined; // no demo config: the emulator makes up a token
  }
}
