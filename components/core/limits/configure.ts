/**
 * SPEC `configure({memoryBudget?, requestSlots?})`: app-wide limits shared by every uploader and
 * every `uploadResource` call. Checked whole before anything changes.
 */
import { invalidOptionWorded } from '../errors/upload-error';
import { memoryBudget } from './memory-budget';
import { MAX_REQUESTS_IN_FLIGHT_ALLOWED, requestSlots } from './request-slots';

export interface Configuration {
  /** Bytes of file content held in memory at once (default 134217728; one larger file runs alone). */
  memoryBudget?: number;
  /** Requests of the package in flight (default 8, at most 10: WeChat's own limit). */
  requestSlots?: number;
}

export function configure(options: Configuration): void {
  if (!options || typeof options !== 'object') throw invalidOptionWorded('configure');
  const { memoryBudget: budget, requestSlots: slots } = options;
  // Number.isFinite and isInteger are false for what is not a number at all (JavaScript callers).
  if (budget !== undefined && !(Number.isFinite(budget) && budget >= 1)) throw invalidOptionWorded('memoryBudget');
  if (slots !== undefined && !(Number.isInteger(slots) && slots >= 1 && slots <= MAX_REQUESTS_IN_FLIGHT_ALLOWED)) throw invalidOptionWorded('requestSlots');
  if (budget !== undefined) memoryBudget.setLimit(Math.floor(budget));
  if (slots !== undefined) requestSlots.setLimit(slots);
}

/** The limits in force. */
export function currentConfiguration(): Required<Configuration> {
  return { memoryBudget: memoryBudget.limit, requestSlots: requestSlots.limit };
}
