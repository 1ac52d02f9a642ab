/**
 * Timers store their delay in a signed 32-bit integer: above 2147483647 ms (about 24.8 days) they
 * fire at once on every engine. SPEC: such time values count as 2147483647.
 */
export const MAX_TIMER_MS = 2147483647;

export function clampTimer(ms: number): number {
  if (!(ms > 0)) return 0;
  return ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms;
}
