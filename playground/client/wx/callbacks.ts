/**
 * WeChat's asynchronous API style: `success`/`fail`/`complete` callbacks, or a Promise when none
 * is given. Callbacks run in a later task, never inside the call, as in WeChat.
 */
export interface ErrMsg {
  errMsg: string;
}

export interface Callbacks<T> {
  success?: (res: T) => void;
  fail?: (err: ErrMsg) => void;
  complete?: (res: T | ErrMsg) => void;
}

export function hasCallbacks(o: Callbacks<never>): boolean {
  return typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
}

/** Calls back with the outcome of `work`; `work` rejects with an ErrMsg (or anything, reported as `api:fail …`). */
export function settle<T extends object>(api: string, o: Callbacks<T>, work: () => Promise<T>): Promise<T> | undefined {
  const outcome = work().then(
    (res) => ({ ok: true as const, res: { errMsg: `${api}:ok`, ...res } }),
    (err: unknown) => ({ ok: false as const, err: toErrMsg(api, err) }),
  );
  if (!hasCallbacks(o)) {
    return outcome.then((r) => {
      if (r.ok) return r.res;
      throw r.err;
    });
  }
  void outcome.then((r) =>
    setTimeout(() => {
      if (r.ok) o.success?.(r.res);
      else o.fail?.(r.err);
      o.complete?.(r.ok ? r.res : r.err);
    }, 0),
  );
  return undefined;
}

export function fail(api: string, reason: string): ErrMsg {
  return { errMsg: `${api}:fail ${reason}` };
}

function toErrMsg(api: string, err: unknown): ErrMsg {
  if (err && typeof err === 'object' && typeof (err as ErrMsg).errMsg === 'string') return err as ErrMsg;
  return fail(api, err instanceof Error ? err.message : String(err));
}
