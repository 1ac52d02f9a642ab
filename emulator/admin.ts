/**
 * `/__emulator/*`: JSON routes that let the emulator's own page (the playground) steer it the way
 * tests do through the programmatic API. Same origin only (see origin-guard.ts); never the token.
 *
 *   GET    /__emulator/state     everything below, plus the calls log and stored objects
 *   POST   /__emulator/faults    a FaultSpec or an array of them → {faults}
 *   DELETE /__emulator/faults    clears pending faults → {faults: []}
 *   POST   /__emulator/devices   {deviceId, online} (adds the device when new) → {devices}
 *   POST   /__emulator/tokens    {add?: string, uid?: string, revoke?: string} → {ok: true}
 *   POST   /__emulator/settings  part of Settings → {settings}
 *   POST   /__emulator/reset     back to the start state (same token, product, devices) → {ok: true}
 */
import { IncomingMessage, ServerResponse } from 'http';
import { RouteContext, ADMIN_PREFIX } from './context';
import type { StoredObject } from './bucket';
import type { CallRecord } from './calls';
import type { DeviceInfo } from './devices';
import { FaultSpecError, PendingFault } from './faults';
import { BodyTooLargeError, closeAfterAnswer, readBody, sendJson } from './http-util';
import { Settings } from './settings';

/** A file sent to a device, and whether the device has it yet. */
export interface DeliveryStatus {
  deviceId: string;
  resourceName: string;
  resourceVer: string;
  /** True once `AppDescribeDeviceResource` would report it. */
  delivered: boolean;
}

/** `GET /__emulator/state`: what a page needs to show and steer the emulator. */
export interface EmulatorSnapshot {
  origin: string;
  endpoint: string;
  /** How many access tokens the token API accepts; never the tokens themselves. */
  tokens: number;
  uid: string;
  productId: string;
  products: string[];
  devices: DeviceInfo[];
  settings: Settings;
  faults: PendingFault[];
  objects: StoredObject[];
  deliveries: DeliveryStatus[];
  calls: CallRecord[];
}

/** The parts of the Emulator the admin routes drive (implemented in server.ts). */
export interface AdminTarget {
  snapshot(): EmulatorSnapshot;
  addToken(token: string, uid?: string): void;
  revokeToken(token: string): void;
  setDeviceOnline(deviceId: string, online: boolean): void;
  configure(settings: Partial<Settings>): Settings;
  reset(): Promise<void>;
}

class BadRequest extends Error {}

const MAX_BODY_BYTES = 64 * 1024;

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequest('the body is not valid JSON');
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('expected a JSON object');
  return body as Record<string, unknown>;
}

async function route(req: IncomingMessage, ctx: RouteContext, target: AdminTarget): Promise<[number, unknown]> {
  const name = (req.url ?? '').split('?')[0].slice(ADMIN_PREFIX.length);
  const method = req.method ?? '';
  if (method === 'GET' && name === 'state') return [200, target.snapshot()];
  if (method === 'DELETE' && name === 'faults') {
    ctx.faults.clear();
    return [200, { faults: [] }];
  }
  if (method !== 'POST') return [404, { error: `no route ${method} ${ADMIN_PREFIX}${name}` }];
  const body = await jsonBody(req);
  switch (name) {
    case 'faults':
      ctx.faults.injectAll(Array.isArray(body) ? body : [body]);
      return [200, { faults: ctx.faults.pending() }];
    case 'devices': {
      const { deviceId, online } = objectBody(body);
      if (typeof deviceId !== 'string' || typeof online !== 'boolean') {
        throw new BadRequest('expected {deviceId: string, online: boolean}');
      }
      if (ctx.state.devices.get(deviceId)) target.setDeviceOnline(deviceId, online);
      else ctx.state.devices.add(deviceId, online);
      return [200, { devices: ctx.state.devices.list() }];
    }
    case 'tokens': {
      const { add, uid, revoke } = objectBody(body);
      if (add !== undefined && (typeof add !== 'string' || add === '')) throw new BadRequest('add must be a string');
      if (uid !== undefined && typeof uid !== 'string') throw new BadRequest('uid must be a string');
      if (revoke !== undefined && typeof revoke !== 'string') throw new BadRequest('revoke must be a string');
      if (typeof add === 'string') target.addToken(add, uid as string | undefined);
      if (typeof revoke === 'string') target.revokeToken(revoke);
      return [200, { ok: true }];
    }
    case 'settings':
      return [200, { settings: target.configure(objectBody(body) as Partial<Settings>) }];
    case 'reset':
      await target.reset();
      return [200, { ok: true }];
    default:
      return [404, { error: `no route POST ${ADMIN_PREFIX}${name}` }];
  }
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
  target: AdminTarget,
): Promise<void> {
  try {
    const [status, body] = await route(req, ctx, target);
    sendJson(res, status, body);
  } catch (err) {
    if (req.socket.destroyed) return;
    if (err instanceof BodyTooLargeError) {
      closeAfterAnswer(req, res);
      sendJson(res, 413, { error: `the body is too large (at most ${MAX_BODY_BYTES} bytes)` });
      return;
    }
    const known = err instanceof BadRequest || err instanceof FaultSpecError || err instanceof TypeError;
    sendJson(res, known ? 400 : 500, { error: err instanceof Error ? err.message : String(err) });
  }
}
