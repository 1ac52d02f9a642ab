/**
 * `appDevSdkTokenProvider(sdk)`: the access token from the official IoT Explorer mini-program SDK
 * (`qcloud-iotexplorer-appdev-sdk` 3.x, platform-facts §6), for `setAccessTokenProvider`.
 * Reason 'missing': the SDK's current token, logging in first when it has none (or joining the
 * login it has running). Reason 'invalid': the SDK's re-login, then its new token.
 * Asks that come together share one SDK call: a batch of files logs in once, and files refused
 * together with one stale token re-log in once. Each ask makes at most one SDK call.
 *
 * The SDK is taken by its shape (what is used below), so the package needs no dependency on it.
 */
import type { AccessTokenProvider, AccessTokenReason } from './core';

/** The part of `AppDevSdk` this uses: its `loginManager`. */
export interface AppDevSdkLike {
  loginManager: {
    /** The token in memory; `''` when logged out. */
    accessToken: string;
    isLogin: boolean;
    /** Logs in (the SDK's `getAccessToken`, then `AppGetUser`); joins a login already running. */
    login(): Promise<unknown>;
    /** The login in progress, if any; throws when there is none and nobody is logged in. */
    checkLogin(): unknown;
    /** Logs out (dropping its cached token) and logs in again. */
    reLogin(): Promise<unknown>;
  };
}

export function appDevSdkTokenProvider(sdk: AppDevSdkLike): AccessTokenProvider & ((request: { reason: AccessTokenReason }) => Promise<string | undefined>) {
  const manager = sdk.loginManager;
  /** The SDK call running for each reason, shared by whoever asks while it runs. */
  const running: Partial<Record<AccessTokenReason, Promise<string | undefined>>> = {};
  const shared = (reason: AccessTokenReason, login: () => unknown): Promise<string | undefined> =>
    running[reason] ||
    (running[reason] = (async () => {
      await login();
      return manager.accessToken || undefined;
    })().finally(() => delete running[reason]));

  return ({ reason }) => {
    if (reason === 'invalid') return shared('invalid', () => manager.reLogin());
    // A re-login of ours is running: its token is the one to wait for.
    if (running.invalid) return running.invalid;
    if (manager.isLogin && manager.accessToken) return Promise.resolve(manager.accessToken);
    return shared('missing', () => {
      try {
        return manager.checkLogin();
      } catch {
        // Nobody logged in and no login running: log in (once; a failure is the answer).
        return manager.login();
      }
    });
  };
}
