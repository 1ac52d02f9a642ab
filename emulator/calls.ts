/** A log of what reached the emulator, for tests to assert on. Never holds tokens or signatures. */
import { FaultKind } from './faults';

interface CallBase {
  seq: number;
  /** Emulator clock, ms. */
  at: number;
  fault?: FaultKind;
  /** HTTP status answered; undefined while in flight, 0 when no answer was sent (drop, client gone). */
  status?: number;
  /** `Error.Code` (token API) or COS error code (bucket) of an error answer. */
  errorCode?: string;
}

export interface ApiCall extends CallBase {
  type: 'api';
  /** null when the body was not JSON or had no string Action. */
  action: string | null;
  requestId: string | null;
  /** The action's parameters: the body without AccessToken, RequestId and Action. */
  params: Record<string, unknown>;
}

export interface BucketCall extends CallBase {
  type: 'bucket';
  method: string;
  /** Decoded object key (no query, so no signature). */
  key: string;
  contentType?: string;
  /** Body bytes received by a PUT. */
  bytes?: number;
}

export type CallRecord = ApiCall | BucketCall;

/** Keeps the newest records only, so long benchmark runs stay memory-light. */
const MAX_RECORDS = 10_000;

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  /** Each add returns the live record so the handler can fill in status/errorCode when it answers. */
  addApi(call: Omit<ApiCall, 'seq' | 'type'>): ApiCall {
    return this.push({ ...call, type: 'api', seq: ++this.seq });
  }

  addBucket(call: Omit<BucketCall, 'seq' | 'type'>): BucketCall {
    return this.push({ ...call, type: 'bucket', seq: ++this.seq });
  }

  private push<T extends CallRecord>(record: T): T {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  list(): CallRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
