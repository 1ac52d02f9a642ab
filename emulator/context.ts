/** What every route handler shares: state, storage, faults, the call log and the server's address. */
import { ObjectStore } from './bucket';
import { CallLog } from './calls';
import { FaultPlan } from './faults';
import { Presigner } from './presign';
import { EmulatorState } from './state';

export interface RouteContext {
  state: EmulatorState;
  store: ObjectStore;
  faults: FaultPlan;
  calls: CallLog;
  presigner: Presigner;
  origin(): string;
  /** Action names and statuses only; never tokens, signatures or bodies. */
  log(line: string): void;
}

export const TOKEN_API_PATH = '/api/exploreropen/tokenapi';
export const ADMIN_PREFIX = '/__emulator/';
