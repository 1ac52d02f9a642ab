/**
 * Timers store their delay in a signed 32-bit integer: above 2147483647 ms (about 24.8 days) they
 * fire at once on every engine. SPEC: such time values count as 2147483647.
 */
export const MAX_TIMER_MS = 2147483647;

/** NaN and negatives are 0. */
export function clampTimer(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}
