/**
 * How chosen files get into the list: the restrictions (extension, size, room left), the
 * resource-name rule, then the host's say (`before-upload`). Every refusal is a `reject` event
 * and a notice. Files the host is still deciding on are the queue's candidates (records in state
 * `candidate`): they hold their place and the fixed name, and `remove`/`clear` drop them.
 */
import { Rejection, Restrictions, screenFiles } from '../core';
import { RejectFacts, rejectText } from './texts';
import type { Picked } from './picker';
import { Props, restrictionsOf } from './props';
import type { BeforeUploadDetail, ChosenFile, RejectDetail, RejectReason } from './types';

/** A chosen file on its way into the list, with the id it will keep. */
export type Candidate = Picked & { id: string };

/** What admission needs from the component. */
export interface AdmissionHost {
  props(): Props;
  locale(): string;
  /** Whether a file of the list (not failed, not cancelled) or a candidate uses this fixed resource name. */
  nameUsed(name: string): boolean;
  /** These passed everything but the host's say: recorded as candidates, not yet in the list. */
  propose(candidates: Candidate[]): void;
  /** Of these ids, the ones still held as candidates, in order (removed or cleared ones are gone). */
  stillCandidates(ids: string[]): string[];
  /** Places left in the list besides these candidates (`max-count` and host files as they are now). */
  roomBeside(ids: string[]): number;
  /** These passed everything, without a host's say: straight into the list. */
  enter(candidates: Candidate[]): void;
  /** The host said yes: these candidates into the list. */
  accept(ids: string[]): void;
  /** The host said no, or they no longer fit: the candidates go. */
  drop(ids: string[]): void;
  triggerEvent(name: string, detail: object): void;
  /** The notices changed. */
  changed(): void;
  detached(): boolean;
}

type Refusal = { file: { name: string; size: number }; reason: RejectReason };

export class Admission {
  private nextId = 0;
  /** Refusals of the last choice, kept as facts so a locale change can re-word them. */
  private refusals: RejectFacts[] = [];

  constructor(
    private readonly host: AdmissionHost,
    private readonly idPrefix: string,
  ) {}

  notices(locale: string): string[] {
    return this.refusals.map((r) => rejectText(r, locale));
  }

  /** One choice: restrictions (with `maxCount` the room left), the resource-name rule, the host's say. */
  admit(picked: Picked[], restrictions: Restrictions): void {
    const props = this.host.props();
    const { accepted, rejected } = screenFiles(picked, restrictions);
    const refused: Refusal[] = rejected.map((r: Rejection) => ({ file: r, reason: r.reason }));
    const fixedName = typeof props.resourceName === 'string' ? props.resourceName.trim() : '';
    // A fixed name is used by every file of the list not failed or cancelled, and by candidates.
    let nameTaken = fixedName !== '' && this.host.nameUsed(fixedName);
    const candidates: Candidate[] = [];
    for (const file of accepted) {
      if (nameTaken) {
        refused.push({ file, reason: 'resource-name' });
        continue;
      }
      if (fixedName) nameTaken = true;
      candidates.push({ ...file, id: `${this.idPrefix}c${++this.nextId}` });
    }
    this.refusals = [];
    this.refuse(refused, restrictions);
    this.host.changed();
    if (!candidates.length) return;
    if (props.useBeforeUpload) this.askHost(candidates, restrictions);
    else this.host.enter(candidates);
  }

  private askHost(candidates: Candidate[], restrictions: Restrictions): void {
    this.host.propose(candidates);
    const ids = candidates.map((c) => c.id);
    let answered = false;
    const detail: BeforeUploadDetail = {
      files: candidates.map((c): ChosenFile => ({ id: c.id, name: c.name, size: c.size, path: c.path })),
      callback: (ok: boolean) => {
        // One answer per question; none after the page left, none for candidates removed or cleared meanwhile.
        if (answered || this.host.detached()) return;
        answered = true;
        const held = this.host.stillCandidates(ids);
        if (!held.length) return;
        const byId = (id: string) => candidates[ids.indexOf(id)];
        if (ok !== true) {
          this.host.drop(held);
          this.refuse(held.map((id): Refusal => ({ file: byId(id), reason: 'host' })), restrictions);
          this.host.changed();
          return;
        }
        // The room may have shrunk while the host decided (`max-count` lowered, host files added):
        // the first ones in the order chosen fit, the rest are refused as max-count.
        const room = Math.max(0, this.host.roomBeside(held));
        const over = held.slice(room);
        if (over.length) {
          this.host.drop(over);
          this.refuse(over.map((id): Refusal => ({ file: byId(id), reason: 'max-count' })), restrictions);
          this.host.changed();
        }
        this.host.accept(held.slice(0, room));
      },
    };
    this.host.triggerEvent('before-upload', detail);
  }

  private refuse(list: Refusal[], r: Restrictions): void {
    const props = this.host.props();
    const resourceName = String(props.resourceName || '');
    // Messages speak of the list's size, not of the room that was left.
    const maxCount = restrictionsOf(props).maxCount;
    for (const { file, reason } of list) {
      const facts: RejectFacts = { reason, name: file.name, size: file.size, maxSize: r.maxSize, maxCount, extensions: r.extensions, resourceName };
      this.refusals.push(facts);
      const detail: RejectDetail = { name: file.name, size: file.size, reason, message: rejectText(facts, this.host.locale()) };
      this.host.triggerEvent('reject', detail);
    }
  }
}
