/**
 * One record per file the queue knows, and the one state machine every record walks:
 *   candidate → waiting (the host said yes; `before-upload`) — a candidate is not yet in the list
 *   waiting ⇄ paused → hashing → signing → uploading → registering → delivering → done | failed | aborted
 * Every state change goes through `transition`, so a change the machine does not allow is a bug
 * that shows, never a file in a state nothing expects.
 */
import type { UploadError } from '../errors/upload-error';
import type { UploadPhase, UploadResult } from '../upload/options';
import type { WaitReason } from './lifecycle';
import type { PickedFile } from './restrictions';

export const PHASES: UploadPhase[] = ['hashing', 'signing', 'uploading', 'registering', 'delivering'];
export const SETTLED = ['done', 'failed', 'aborted'] as const;
export type SettledState = (typeof SETTLED)[number];

/**
 * `candidate`: chosen, waiting for the host's answer; not a row, not selected, but it holds its place.
 * `paused`: due to run, held back by the life cycle (`waitingFor` says why); it resumes by itself.
 */
export type FileState = 'candidate' | 'waiting' | 'paused' | UploadPhase | SettledState;

export function isRunning(state: FileState): boolean {
  return PHASES.includes(state as UploadPhase);
}

export function isSettled(state: FileState): boolean {
  return (SETTLED as readonly FileState[]).includes(state);
}

/** In the list: shown as a row, counted by `files`; candidates are not (yet). */
export function isListed(state: FileState): boolean {
  return state !== 'candidate';
}

/**
 * Where each state may go. A candidate only becomes waiting (the host said yes); failed and
 * cancelled files may be retried; a stored one stays stored. Waiting, paused and running files
 * may go anywhere but back to candidate: a phase may follow any phase (the core skips steps it
 * does not need); a file may settle straight from waiting (refused before its start, or an
 * `upload`, a host's wrapper, that reports no phase) or from paused (held back by the life cycle);
 * a running one goes back to waiting when the life cycle cut it.
 */
export function canTransition(from: FileState, to: FileState): boolean {
  if (from === to) return true;
  if (from === 'done') return false;
  return from === 'candidate' || isSettled(from) ? to === 'waiting' : to !== 'candidate';
}

/** A file in the queue. The queue owns it; listeners read it, never write it. */
export interface QueueFile extends PickedFile {
  readonly id: string;
  state: FileState;
  /** The phase reached last: where a failed file stopped. null until its first upload starts. */
  phase: UploadPhase | null;
  /** Percent within `phase`, as the core reported it (0 at a phase's start, 100 at its end). */
  percent: number;
  /** The phases of its current or last upload, fixed when that upload starts. */
  steps: UploadPhase[];
  result: UploadResult | null;
  error: UploadError | null;
  /** Uploads started for this file (1 + retries); a start cut by the life cycle does not count. */
  attempts: number;
  /** While `paused`: the app is in the background, or the phone has no network. null otherwise. */
  waitingFor: WaitReason | null;
  /** The fixed resource name its current or last upload used; '' for the MD5 default. */
  resourceName: string;
}

/** Every record starts as a candidate; `add` accepts it at once. */
export function newRecord(id: string, input: PickedFile): QueueFile {
  return { id, path: input.path, name: input.name, size: input.size, state: 'candidate', phase: null, percent: 0, steps: [], result: null, error: null, attempts: 0, waitingFor: null, resourceName: '' };
}

/**
 * The one way a record changes state. Returns the state it left, or null when nothing changed
 * (same state, same wait reason). A `paused` record's reason may change without its state.
 */
export function transition(record: QueueFile, to: FileState, waitingFor: WaitReason | null = null): FileState | null {
  const previous = record.state;
  const reason = to === 'paused' ? waitingFor : null;
  if (previous === to && record.waitingFor === reason) return null;
  if (!canTransition(previous, to)) throw new Error(`${record.id}: ${previous} → ${to}`);
  record.state = to;
  record.waitingFor = reason;
  return previous;
}
