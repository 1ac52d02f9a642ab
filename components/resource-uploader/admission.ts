/**
 * How chosen files get into the list: the restrictions (extension, size, room left), the
 * resource-name rule, then the host's say (`before-upload`). Every refusal is a `reject` event
 * and a notice; files the host is still deciding on hold their place.
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
  /** Whether a file of the list (not failed, not cancelled) uses this fixed resource name. */
  nameUsed(name: string): boolean;
  /** These passed everything: into the list. */
  enter(candidates: Candidate[]): void;
  triggerEvent(name: string, detail: object): void;
  /** The notices changed. */
  changed(): void;
  detached(): boolean;
}

type Refusal = { file: { name: string; size: number }; reason: RejectReason };

export class Admission {
  private nextId = 0;
  /** Files the host is deciding on (before-upload): they count against `max-count`. */
  private awaiting: Candidate[] = [];
  /** Refusals of the last choice, kept as facts so a locale change can re-word them. */
  private refusals: RejectFacts[] = [];

  constructor(
    private readonly host: AdmissionHost,
    private readonly idPrefix: string,
  ) {}

  /** Files waiting for the host's answer. */
  get pending(): number {
    return this.awaiting.length;
  }

  notices(locale: string): string[] {
    return this.refusals.map((r) => rejectText(r, locale));
  }

  /** One choice: restrictions (with `maxCount` the room left), the resource-name rule, the host's say. */
  admit(picked: Picked[], restrictions: Restrictions): void {
    const props = this.host.props();
    const { accepted, rejected } = screenFiles(picked, restrictions);
    const refused: Refusal[] = rejected.map((r: Rejection) => ({ file: r, reason: r.reason }));
    const fixedName = typeof props.resourceName === 'string' ? props.resourceName.trim() : '';
    // A fixed name is used by every file of the list not failed or cancelled, and by files the host is deciding on.
    let nameTaken = fixedName !== '' && (this.awaiting.length > 0 || this.host.nameUsed(fixedName));
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
    this.awaiting = this.awaiting.concat(candidates);
    let answered = false;
    const detail: BeforeUploadDetail = {
      files: candidates.map((c): ChosenFile => ({ id: c.id, name: c.name, size: c.size, path: c.path })),
      callback: (ok: boolean) => {
        // One answer per question; none after the page left.
        if (answered) return;
        answered = true;
        this.awaiting = this.awaiting.filter((c) => candidates.indexOf(c) === -1);
        if (this.host.detached()) return;
        if (ok === true) {
          this.host.enter(candidates);
          return;
        }
        this.refuse(candidates.map((file): Refusal => ({ file, reason: 'host' })), restrictions);
        this.host.changed();
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
