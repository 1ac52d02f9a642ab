/**
 * The fault buttons: each injects one emulator fault (POST /__emulator/faults) that the next
 * matching call meets. "Beyond retries" outlasts the package's default of 2 retries.
 */
export interface FaultButton {
  id: string;
  label: string;
  spec: Record<string, unknown>;
}

export const FAULT_BUTTONS: FaultButton[] = [
  { id: 'expire-url', label: 'Expire the next upload URL', spec: { target: 'AppGetResourceUploadURL', kind: 'expiredUrl' } },
  { id: 'invalid-token', label: 'Invalid token (next URL request)', spec: { target: 'AppGetResourceUploadURL', kind: 'invalidToken' } },
  { id: 'put-5xx', label: '503 on the next PUT', spec: { target: 'bucket', kind: 'http5xx', status: 503 } },
  { id: 'put-5xx-beyond-retries', label: '503 on the next 3 PUTs (beyond retries)', spec: { target: 'bucket', kind: 'http5xx', status: 503, count: 3 } },
  { id: 'put-drop', label: 'Drop the next PUT', spec: { target: 'bucket', kind: 'drop' } },
  { id: 'put-slow', label: 'Hold the next PUT 3 s', spec: { target: 'bucket', kind: 'delay', delayMs: 3000 } },
  { id: 'api-5xx', label: '503 on the next URL request', spec: { target: 'AppGetResourceUploadURL', kind: 'http5xx', status: 503 } },
];
