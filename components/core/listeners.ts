/** Listener lists, and the run-once release functions the package hands out. */

/** `fn` that runs at most once, however often it is called: every release function of the package. */
export function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** Takes `item` out of `list` (its first place); whether it was there. */
export function removeFrom<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i !== -1) list.splice(i, 1);
  return i !== -1;
}

/** Adds `item` to `list`; returns what takes it out again (the unsubscribe of every listener list). */
export function listen<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    removeFrom(list, item);
  };
}
