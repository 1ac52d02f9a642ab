/**
 * The batch: files told to upload since the queue was last idle, and what the settled ones came
 * to. `complete` is emitted once per batch, when nothing of it is left to settle.
 */
export interface BatchSummary {
  succeeded: number;
  failed: number;
}

export class BatchTally {
  /** Files of the current batch still to settle. */
  private readonly unsettled = new Set<string>();
  private tally: BatchSummary = { succeeded: 0, failed: 0 };
  /** A batch has started and its `complete` is not yet emitted. */
  open = false;

  /** A file joins the batch; the first one opens a new batch. */
  join(id: string): void {
    if (!this.open) {
      this.open = true;
      this.tally = { succeeded: 0, failed: 0 };
    }
    this.unsettled.add(id);
  }

  /** A removed file: the batch forgets it. */
  forget(id: string): void {
    this.unsettled.delete(id);
  }

  /** Counts a settled file that belonged to the batch. */
  settle(id: string, succeeded: boolean): void {
    if (!this.unsettled.delete(id)) return;
    if (succeeded) this.tally.succeeded++;
    else this.tally.failed++;
  }

  get remaining(): number {
    return this.unsettled.size;
  }

  get status(): { total: number; settled: number; open: boolean } {
    const settled = this.tally.succeeded + this.tally.failed;
    return { total: settled + this.unsettled.size, settled, open: this.open };
  }

  /** Closes the batch; its summary, or null when every file of it was removed (nothing to report). */
  close(): BatchSummary | null {
    this.open = false;
    return this.tally.succeeded || this.tally.failed ? { succeeded: this.tally.succeeded, failed: this.tally.failed } : null;
  }
}
