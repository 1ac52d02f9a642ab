/** The emulator this page runs against: same origin, admin routes under `/__emulator/`. */
// The shapes of the admin routes, from the emulator itself (type-only: nothing of it is bundled).
import type { CallRecord, DeliveryStatus, DeviceInfo, EmulatorSnapshot, PendingFault, StoredObject } from '../../emulator';

export type { CallRecord, PendingFault, StoredObject };
export type EmulatorDevice = DeviceInfo;
export type Delivery = DeliveryStatus;
export type EmulatorState = EmulatorSnapshot;

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
