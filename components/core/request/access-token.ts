import type { AbortScope } from '../abort';
import { UploadError } from '../errors/upload-error';
import type { Platform } from '../platform';
import { clampTimer } from '../time';
import type { Locale } from '../i18n/messages';
import type { Secrets } from './redact';

export type AccessTokenReason = 'missing' | 'invalid';
/** Returns a token, or nothing (`undefined`, `null`, `''`) when the host has none: the upload then fails with `MissingAccessToken`. */
export type AccessTokenProvider = (request: { reason: AccessTokenReason }) => AccessTokenAnswer | Promise<AccessTokenAnswer>;
export type AccessTokenAnswer = string | null | undefined | void;

// One provider for the whole app, as the host's login flow is app-wide.
let provider: AccessTokenProvider | null = null;

/** SPEC: `fn({reason})` returns a token or a Promise of one; `null` removes it. */
export function setAccessTokenProvider(fn: AccessTokenProvider | null | undefined): void {
  if (fn !== null && fn !== undefined && typeof fn !== 'function') {
    // Same rule as configure(): a coded error in the package's default locale, not a raw TypeError.
    throw UploadError.of('InvalidOption', 'zh-CN', { option: 'setAccessTokenProvider(fn)' });
  }
  provider = fn || null;
}

export function hasAccessTokenProvider(): boolean {
  return provider !== null;
}

/**
 * The provider call in flight for reason 'missing', shared by every upload that needs a token while
 * it runs (a batch of 9 asks the host's login once, not 9 times). 'invalid' is never shared: the
 * server refused a token, so the answer everyone already had is not good enough.
 */
let sharedMissing: { fn: AccessTokenProvider; answer: Promise<unknown> } | null = null;

function callProvider(fn: AccessTokenProvider, reason: AccessTokenReason): Promise<unknown> {
  if (reason === 'missing' && sharedMissing && sharedMissing.fn === fn) return sharedMissing.answer;
  // Whatever the host does (throw, reject, return junk), the answer is a settled Promise.
  const answer = new Promise<unknown>((resolve) => resolve(fn({ reason }))).catch(() => '');
  if (reason === 'missing') {
    const entry = { fn, answer };
    sharedMissing = entry;
    const clear = () => {
      if (sharedMissing === entry) sharedMissing = null;
    };
    answer.then(clear, clear);
  }
  return answer;
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
  private token: string;
  private readonly asked: Record<AccessTokenReason, boolean> = { missing: false, invalid: false };

  constructor(given: string | undefined, private readonly locale: Locale, private readonly secrets: Secrets, private readonly wait?: ProviderWait) {
    this.token = typeof given === 'string' ? given : '';
    secrets.add(this.token);
  }

  async current(): Promise<string> {
    if (!this.token && !(await this.ask('missing'))) throw UploadError.of('MissingAccessToken', this.locale);
    return this.token;
  }

  /** After an InvalidAccessToken answer: true when a new token is ready for one more try. */
  async renewAfterInvalid(): Promise<boolean> {
    return this.ask('invalid');
  }

  private async ask(reason: AccessTokenReason): Promise<boolean> {
    const fn = provider;
    if (!fn || this.asked[reason]) return false;
    this.asked[reason] = true;
    // The host's login failing is its own business (its error text is not ours to show): no token.
    const fresh = await this.inTime(callProvider(fn, reason));
    if (typeof fresh !== 'string' || !fresh) return false;
    this.token = fresh;
    this.secrets.add(fresh);
    return true;
  }

  /** The provider's answer, or Timeout after `timeoutMs`, or Aborted when the upload stops first. */
  private inTime(answer: Promise<unknown>): Promise<unknown> {
    const wait = this.wait;
    if (!wait) return answer;
    return new Promise((resolve, reject) => {
      const finish = () => {
        wait.platform.clearTimeout(timer);
        stop();
      };
      const timer = wait.platform.setTimeout(() => {
        finish();
        reject(UploadError.of('Timeout', this.locale));
      }, clampTimer(wait.timeoutMs));
      const stop = wait.scope.onAbort(() => {
        finish();
        reject(UploadError.of('Aborted', this.locale));
      });
      answer.then((value) => {
        finish();
        resolve(value);
      });
    });
  }
}
