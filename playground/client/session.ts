/** The emulator this page runs against: same origin, admin routes under `/__emulator/`. */
export interface EmulatorDevice {
  deviceId: string;
  online: boolean;
}

export interface StoredObject {
  key: string;
  size: number;
  md5: string;
  contentType: string;
  storedAt: number;
}

export interface Delivery {
  deviceId: string;
  resourceName: string;
  resourceVer: string;
  delivered: boolean;
}

export interface PendingFault {
  target: string;
  kind: string;
  remaining: number;
  status: number;
  delayMs: number;
  code: string;
}

export interface CallRecord {
  seq: number;
  type: 'api' | 'bucket';
  at: number;
  action?: string | null;
  method?: string;
  key?: string;
  status?: number;
  errorCode?: string;
  fault?: string;
  bytes?: number;
}

export interface EmulatorState {
  endpoint: string;
  /** Used only to configure the demo's login stand-in; never shown. */
  token: string;
  productId: string;
  devices: EmulatorDevice[];
  settings: Record<string, unknown>;
  faults: PendingFault[];
  objects: StoredObject[];
  deliveries?: Delivery[];
  calls: CallRecord[];
}

const ADMIN = '/__emulator/';

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

export async function fetchState(): Promise<EmulatorState> {
  return answer<EmulatorState>(await fetch(ADMIN + 'state', { cache: 'no-store' }));
}

export async function admin(method: 'POST' | 'DELETE', route: string, body?: unknown): Promise<unknown> {
  return answer(
    await fetch(ADMIN + route, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}
