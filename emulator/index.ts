/** Local IoT Explorer token API + COS bucket emulator: public surface for tests, playground and benchmarks. */
export { startEmulator } from './server';
export type { Emulator, EmulatorFaults, EmulatorOptions } from './server';
export type { DeliveryStatus, EmulatorSnapshot } from './admin';
export type { Settings } from './settings';
export type { EnvelopeKind } from './envelope';
export type { FaultSpec, FaultKind, FaultTarget, PendingFault, TokenAction } from './faults';
export { FAULT_KINDS, TOKEN_ACTIONS } from './faults';
export type { CallRecord, ApiCall, BucketCall } from './calls';
export type { StoredObject } from './bucket';
export type { DeviceInfo } from './devices';
export { ApiErrorCode } from './api-error';
export { CosErrors } from './cos-xml';
export { cosAuthorization, cosEncode, parseCosAuthorization, verifyCos } from './cos-signature';
export type { CosSignInput, CosAuthFields, CosVerdict } from './cos-signature';
export { TOKEN_API_PATH, ADMIN_PREFIX } from './context';
