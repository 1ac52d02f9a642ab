import { UploadError } from './errors';
import type { Locale } from './messages';
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
    throw new TypeError('setAccessTokenProvider expects a function or null');
  }
  provider = fn || null;
}

export function hasAccessTokenProvider(): boolean {
  return provider !== null;
}

/**
 * The token of one upload: the one given, else the provider's; the provider is asked at most
 * once per reason per upload, so a broken login flow cannot loop.
 */
export class AccessTokenSession {
  private token: string;
  private readonly asked: Record<AccessTokenReason, boolean> = { missing: false, invalid: false };

  constructor(given: string | undefined, private readonly locale: Locale, private readonly secrets: Secrets) {
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
    let fresh: unknown;
    try {
      fresh = await fn({ reason });
    } catch {
      // The host's login failed; its error text is its own business, not ours to show.
      fresh = '';
    }
    if (typeof fresh !== 'string' || !fresh) return false;
    this.token = fresh;
    this.secrets.add(fresh);
    return true;
  }
}
