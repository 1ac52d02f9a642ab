/** Starts the emulator and the playground on one loopback port. */
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator';
import { Assets } from './assets';
import { demoToken } from './demo-config';
import { DEMO_DIR, ROOT } from './paths';
import { playgroundRoutes } from './routes';

export interface PlaygroundOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Passed to the emulator (token, uid, delivery delay, log…). */
  emulator?: Omit<EmulatorOptions, 'port' | 'host' | 'fallback'>;
  /** The demo mini-program to show; default `miniprogram/`. */
  demoDir?: string;
}

export interface Playground {
  /** `http://127.0.0.1:PORT/`: the page. */
  readonly url: string;
  readonly emulator: Emulator;
  stop(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const assets = new Assets({ root: ROOT, demoDir: options.demoDir ?? DEMO_DIR });
  // Fail fast (missing build, broken template) instead of serving a page that cannot start.
  await assets.get();
  // The page signs in with the demo's own token (config.js): the emulator never hands its token out.
  const demo = demoToken(options.demoDir ?? DEMO_DIR);
  const emulator = await startEmulator({
    ...options.emulator,
    token: options.emulator?.token ?? demo,
    moreTokens: [...(options.emulator?.moreTokens ?? []), ...(demo !== undefined ? [demo] : [])],
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    fallback: playgroundRoutes(assets),
  });
  return {
    url: emulator.origin + '/',
    emulator,
    stop: () => emulator.stop(),
  };
}
