import type { AbortScope } from '../abort';
import { appSlot } from '../app-state';
import { invalidOptionWorded, uploadAborted, UploadError } from '../errors/upload-error';
import type { Platform } from '../platform';
import { clampTimer } from '../time';
import { throwIfAborted } from './context';
import type { Secrets } from './redact';

export type AccessTokenReason = 'missing' | 'invalid';
/** Returns a token, or nothing (`undefined`, `null`, `''`) when the host has none: the upload then fails with `MissingAccessToken`. */
export type AccessTokenProvider = (request: { reason: AccessTokenReason }) => AccessTokenAnswer | Promise<AccessTokenAnswer>;
export type AccessTokenAnswer = string | null | undefined | void;

/**
 * One provider for the whole app, as the host's login flow is app-wide: set on any copy of the
 * package, it reaches uploads started by every other. `missing` is the provider call in flight
 * for reason 'missing', shared by every upload that needs a token while it runs (a batch of 9 asks
 * the host's login once, not 9 times). 'invalid' is never shared: the server refused a token, so
 * the answer everyone already had is not good enough.
 */
const tokens = appSlot('accessToken', () => ({
  provider: null as AccessTokenProvider | null,
  missing: null as { fn: AccessTokenProvider; answer: Promise<unknown> } | null,
}));

/** SPEC: `fn({reason})` returns a token or a Promise of one; `null` removes it. */
export function setAccessTokenProvider(fn: AccessTokenProvider | null | undefined): void {
  if (fn !== null && fn !== undefined && typeof fn !== 'function') {
    // Same rule as configure(): a coded error in the package's default locale, not a raw TypeError.
    throw invalidOptionWorded('setAccessTokenProvider(fn)');
  }
  tokens.provider = fn || null;
}

export function hasAccessTokenProvider(): boolean {
  return tokens.provider !== null;
}

function callProvider(fn: AccessTokenProvider, reason: AccessTokenReason): Promise<unknown> {
  const shared = tokens.missing;
  if (reason === 'missing' && shared && shared.fn === fn) return shared.answer;
  // Whatever the host does (throw, reject, return junk), the answer is a settled Promise.
  const answer = new Promise<unknown>((resolve) => resolve(fn({ reason }))).catch(() => '');
  if (reason === 'missing') {
    tokens.missing = { fn, answer };
    answer.then(() => forget(answer));
  }
  return answer;
}

/** The shared call is over (answered, or given up on after its timeout): the next upload asks again. */
function forget(answer: Promise<unknown>): void {
  if (tokens.missing && tokens.missing.answer === answer) tokens.missing = null;
}

/** How long the provider may think, and what stops the wait. */
export interface ProviderWait {
  platform: Pick<Platform, 'setTimeout' | 'clearTimeout'>;
  scope: AbortScope;
  timeoutMs: number;
}

/**
 * The token of one upload: the one given, else the provider's; the provider is asked at most
 * once per reason per upload, so a broken login flow cannot loop, and gets `timeoutMs` to answer.
 */
export class AccessTokenSession {
  private currentToken: string;
  private readonly askedFor: Record<AccessTokenReason, boolean> = { missing: false, invalid: false };

  constructor(given: string | undefined, private readonly secrets: Secrets, private readonly wait: ProviderWait) {
    this.currentToken = typeof given === 'string' ? given : '';
    secrets.add(this.currentToken);
  }

  async current(): Promise<string> {
    if (!this.currentToken && !(await this.ask('missing'))) throw UploadError.of('MissingAccessToken');
    return this.currentToken;
  }

  /** Asks the provider for a new token; true when one is ready for one more try (after an InvalidAccessToken answer, say). */
  async ask(reason: AccessTokenReason): Promise<boolean> {
    const fn = tokens.provider;
    if (!fn || this.askedFor[reason]) return false;
    this.askedFor[reason] = true;
    // A stopped upload asks nothing (and the wait below would be called back before its stopper existed).
    throwIfAborted(this.wait);
    // The host's login failing is its own business (its error text is not ours to show): no token.
    const fresh = await this.inTime(callProvider(fn, reason));
    if (typeof fresh !== 'string' || !fresh) return false;
    this.currentToken = fresh;
    this.secrets.add(fresh);
    return true;
  }

  /** The provider's answer, or Timeout after `timeoutMs`, or Aborted when the upload stops first. */
  private inTime(answer: Promise<unknown>): Promise<unknown> {
    const wait = this.wait;
    return new Promise((resolve, reject) => {
      const finish = () => {
        wait.platform.clearTimeout(timer);
        stop();
      };
      const timer = wait.platform.setTimeout(() => {
        finish();
        // SPEC 0.3: a provider call that timed out is forgotten, so a later upload asks afresh.
        forget(answer);
        reject(UploadError.of('Timeout'));
      }, clampTimer(wait.timeoutMs));
      const stop = wait.scope.onAbort(() => {
        finish();
        reject(uploadAborted());
      });
      answer.then((value) => {
        finish();
        resolve(value);
      });
    });
  }
}
