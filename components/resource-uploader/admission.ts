/**
 * How chosen files get into the list: the restrictions (extension, size, room left), the
 * resource-name rule, then the host's say (`before-upload`). Every refusal is a `reject` event
 * and a notice. Files the host is still deciding on are the queue's candidates (records in state
 * `candidate`): they hold their place and the fixed name, and `remove`/`clear` drop them.
 */
import { Restrictions, screenFiles } from '../core';
import type { QueueFile, UploadQueue } from '../core';
import { RejectFacts, rejectText } from './texts';
import type { Picked } from './picker';
import { ComponentHost, restrictionsOf } from './props';
import type { BeforeUploadDetail, ChosenFile, RejectDetail, RejectReason } from './types';

/** A file as `select` and `before-upload` show it. */
export function chosenFile({ id, name, size, path }: ChosenFile): ChosenFile {
  return { id, name, size, path };
}

/** What admission needs from the component besides its queue. */
export interface AdmissionHost extends ComponentHost {
  /** Records files as candidates (not yet in the list), in order. */
  propose(files: Picked[]): QueueFile[];
  /** Places left in the list now: `max-count` less the host files shown and every record. */
  room(): number;
  readonly detached: boolean;
}

type Refusal = { name: string; size: number; reason: RejectReason };

export class Admission {
  /** Refusals of the last choice, kept as facts so a locale change can re-word them. */
  private refusals: RejectFacts[] = [];

  constructor(
    private readonly host: AdmissionHost,
    private readonly queue: UploadQueue,
  ) {}

  notices(locale: string): string[] {
    return this.refusals.map((r) => rejectText(r, locale));
  }

  /** One choice: restrictions (with `maxCount` the room left), the resource-name rule, the host's say. */
  admit(picked: Picked[], restrictions: Restrictions): void {
    const props = this.host.props;
    const { accepted, rejected } = screenFiles(picked, restrictions);
    const fixedName = typeof props.resourceName === 'string' ? props.resourceName.trim() : '';
    // A fixed name is used by one file of the list at a time (not failed or cancelled, candidates included).
    const entering = !fixedName ? accepted : this.queue.isResourceNameUsed(fixedName) ? [] : accepted.slice(0, 1);
    this.refusals = [];
    this.refuse([...rejected, ...accepted.slice(entering.length).map((f): Refusal => ({ ...f, reason: 'resource-name' }))], restrictions);
    this.host.changed();
    if (!entering.length) return;
    const candidates = this.host.propose(entering);
    if (props.useBeforeUpload) this.askHost(candidates, restrictions);
    else this.enter(candidates);
  }

  private enter(candidates: QueueFile[]): void {
    this.queue.accept(candidates.map((c) => c.id), this.host.props.autoUpload);
  }

  private askHost(candidates: QueueFile[], restrictions: Restrictions): void {
    let answered = false;
    const detail: BeforeUploadDetail = {
      files: candidates.map(chosenFile),
      callback: (ok: boolean) => {
        // One answer per question; none after the page left, none for candidates removed or cleared meanwhile.
        if (answered || this.host.detached) return;
        answered = true;
        // Still held: a record removed or cleared has left the queue (its state stays 'candidate').
        const held = candidates.filter((c) => this.queue.record(c.id) === c && c.state === 'candidate');
        // The room may have shrunk while the host decided (`max-count` lowered, host files added):
        // the first ones in the order chosen fit, the rest are refused as max-count.
        const fit = ok === true ? held.slice(0, Math.max(0, this.host.room() + held.length)) : [];
        const out = held.slice(fit.length);
        if (out.length) {
          this.queue.drop(out.map((c) => c.id));
          const reason = ok === true ? 'max-count' : 'host';
          this.refuse(out.map((c): Refusal => ({ ...c, reason })), restrictions);
          this.host.changed();
        }
        this.enter(fit);
      },
    };
    this.host.emit('before-upload', detail);
  }

  private refuse(list: Refusal[], r: Restrictions): void {
    const props = this.host.props;
    const resourceName = String(props.resourceName || '');
    // Messages speak of the list's size, not of the room that was left.
    const maxCount = restrictionsOf(props).maxCount;
    for (const { name, size, reason } of list) {
      const facts: RejectFacts = { ...r, maxCount, reason, name, size, resourceName };
      this.refusals.push(facts);
      const detail: RejectDetail = { name, size, reason, message: rejectText(facts, this.host.locale) };
      this.host.emit('reject', detail);
    }
  }
}
