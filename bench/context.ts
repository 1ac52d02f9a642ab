import type { Emulator } from '../emulator';
import type { Fixtures } from './fixtures';

/** What every bench section shares in one run: one emulator, one fixtures folder, the hard failures. */
export interface BenchContext {
  emu: Emulator;
  fixtures: Fixtures;
  /** Hard failures: printed loudly at the end, and the run exits non-zero. */
  problems: string[];
}
