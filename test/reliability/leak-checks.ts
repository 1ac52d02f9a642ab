/**
 * What the soak tests use to prove nothing is left behind: a full garbage collection on demand,
 * and the event loop's open resources (timers, sockets, file handles…) counted by type.
 */
import { fullCollection } from '../../node-platform';

/** A full collection (one implementation, node-platform's: the bench uses it too). */
export const collector = fullCollection;

/** Timers, sockets, file handles… by type, as Node's event loop sees them. */
export function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] || 0) + 1;
  return counts;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The resource types open now beyond `before`, as `type: before → now`. The server's side of
 * closed connections goes a moment later (later still on a busy machine): awaited, bounded.
 */
export async function resourcesLeftOver(before: Record<string, number>, boundMs = 3000): Promise<{ after: Record<string, number>; leftOver: string[] }> {
  const leftOverNow = () => {
    const now = resources();
    return Object.keys(now).filter((type) => now[type] > (before[type] || 0));
  };
  for (let waited = 0; leftOverNow().length && waited < boundMs; waited += 20) await sleep(20);
  const after = resources();
  return { after, leftOver: leftOverNow().map((type) => `${type}: ${before[type] || 0} → ${after[type]}`) };
}
