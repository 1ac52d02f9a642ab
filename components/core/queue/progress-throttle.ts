/**
 * Which progress reports of one upload reach listeners: every phase change (it is a state change),
 * and moves within a phase at most once per interval.
 */
export class ProgressThrottle {
  private lastReport = -Infinity;

  constructor(
    private readonly now: () => number,
    private readonly interval: number,
  ) {}

  /** A phase started: always reported. */
  phaseStarted(): void {
    this.lastReport = this.now();
  }

  /** A move within the phase: reported when the interval has passed since the last report. */
  passes(): boolean {
    const now = this.now();
    // The end of a phase is reported with the next phase's start (or the result): dropping it loses nothing.
    if (now - this.lastReport < this.interval) return false;
    this.lastReport = now;
    return true;
  }
}
