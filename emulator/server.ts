/** Creates, starts and stops the emulator: one Node `http` server, routed by path. */
import { createServer, IncomingMessage, ServerResponse } from 'http';
import { AddressInfo, Socket } from 'net';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdminTarget, DeliveryStatus, handleAdmin } from './admin';
import { ObjectStore, StoredObject } from './bucket';
import { handleBucket } from './bucket-route';
import { CallLog, CallRecord } from './calls';
import { ADMIN_PREFIX, RouteContext, TOKEN_API_PATH } from './context';
import { DeviceInfo } from './devices';
import { FaultPlan, FaultSpec, PendingFault } from './faults';
import { sendJson, splitUrl } from './http-util';
import { OriginGuard } from './origin-guard';
import { randomAlnum, randomDigits } from './ids';
import { Presigner, PresignOptions } from './presign';
import { applySettings, DEFAULT_SETTINGS, Settings } from './settings';
import { EmulatorState } from './state';
import { handleTokenApi, refuseTokenApi } from './token-route';

export interface EmulatorOptions extends Partial<Settings> {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where objects are stored. Default: a fresh temp dir the emulator removes on stop(); a given dir is kept. */
  dataDir?: string;
  /** The dev access token; default a random one. */
  token?: string;
  /** More access tokens accepted for the same user, kept across reset (e.g. a demo's own token). */
  moreTokens?: string[];
  /** The user id behind the dev token (appears in ResourceName); default 17 random digits. */
  uid?: string;
  /** The product the dev token may use; default `EMUPRODUCT`. */
  productId?: string;
  /** Clock in ms; default Date.now. Governs URL windows and delivery times. */
  now?: () => number;
  /** Receives one line per request (action or method, key, status); never tokens or signatures. */
  log?: (line: string) => void;
  /**
   * More routes on the same port (the playground's pages): asked first about every unsigned GET or
   * HEAD the emulator has no route for. Resolve true once it has answered; false lets the emulator
   * answer as usual.
   */
  fallback?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

/** A resource sent to a device with `AppControlDeviceResource`, as the device sees it now. */
export interface EmulatorFaults {
  inject(spec: FaultSpec): PendingFault;
  clear(): void;
  pending(): PendingFault[];
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** `origin + '/api/exploreropen/tokenapi'` */
  readonly endpoint: string;
  readonly port: number;
  readonly token: string;
  readonly uid: string;
  readonly productId: string;
  /** Device ids created at start: `${productId}/dev-online` and `${productId}/dev-offline`. */
  readonly devices: { readonly online: string; readonly offline: string };
  readonly faults: EmulatorFaults;
  /** A snapshot of the call log, oldest first. */
  readonly calls: CallRecord[];
  readonly settings: Readonly<Settings>;
  readonly dataDir: string;
  configure(changes: Partial<Settings>): Settings;
  listDevices(): DeviceInfo[];
  addDevice(deviceId: string, online: boolean): void;
  setDeviceOnline(deviceId: string, online: boolean): void;
  addToken(token: string, uid?: string): void;
  revokeToken(token: string): void;
  addProduct(productId: string): void;
  objects(): StoredObject[];
  readObject(key: string): Buffer;
  /** Deliveries asked for since the last reset (derived from the call log), oldest first. */
  deliveries(): DeliveryStatus[];
  /** A presigned bucket URL for any key, signed like the ones the token API issues. */
  presignUrl(o: {
    method: PresignOptions['method'];
    key: string;
    validitySeconds?: number;
    startSeconds?: number;
  }): string;
  clearCalls(): void;
  /** Back to the start state: same token, product and devices; no objects, faults, calls or registrations. */
  reset(): Promise<void>;
  /** Closes the server and every open socket, then removes the temp dir it owns. */
  stop(): Promise<void>;
}

/** A bucket request carries its COS signature in the query or in `Authorization`. */
function isSigned(req: IncomingMessage, query: string): boolean {
  return /(^|&)(sign|q-signature)=/.test(query) || req.headers.authorization !== undefined;
}

/** What the dispatcher would hand to the bucket (everything but pages, the root and the APIs). */
function isBucketRequest(req: IncomingMessage, urlPath: string, query: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return true;
  return urlPath !== '/' && isSigned(req, query);
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const initialSettings = applySettings({ ...DEFAULT_SETTINGS }, pickSettings(options));
  const settings: Settings = { ...initialSettings };
  const token = options.token ?? randomAlnum(40, '0123456789abcdef');
  const uid = options.uid ?? randomDigits(17);
  const productId = options.productId ?? 'EMUPRODUCT';
  const devices = { online: `${productId}/dev-online`, offline: `${productId}/dev-offline` };
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'iotexplorer-emulator-')));

  const store = await ObjectStore.open(dataDir, now);
  const state = new EmulatorState(settings, now);
  const faults = new FaultPlan();
  const calls = new CallLog();
  let origin = '';
  let port = 0;
  const presigner = new Presigner(() => origin);
  const log = options.log ?? (() => undefined);
  const ctx: RouteContext = { state, store, faults, calls, presigner, origin: () => origin, log };

  /** The newest successful `AppControlDeviceResource` per device and resource. */
  const deliveries = (): DeliveryStatus[] => {
    const latest = new Map<string, Omit<DeliveryStatus, 'delivered'>>();
    for (const call of calls.list()) {
      if (call.type !== 'api' || call.action !== 'AppControlDeviceResource' || call.status !== 200 || call.errorCode) continue;
      const { DeviceId, ResourceName, ResourceVer } = call.params;
      if (typeof DeviceId !== 'string' || typeof ResourceName !== 'string') continue;
      const id = `${DeviceId}\u0000${ResourceName}`;
      latest.delete(id);
      latest.set(id, { deviceId: DeviceId, resourceName: ResourceName, resourceVer: String(ResourceVer ?? '') });
    }
    return [...latest.values()].map((d) => ({ ...d, delivered: state.devices.delivered(d.deviceId, d.resourceName) !== undefined }));
  };

  const seed = () => {
    for (const t of options.moreTokens ?? []) state.tokens.set(t, uid);
    state.tokens.set(token, uid);
    state.products.add(productId);
    state.devices.add(devices.online, true);
    state.devices.add(devices.offline, false);
  };
  seed();

  const emulator: Emulator & AdminTarget = {
    get origin() {
      return origin;
    },
    get endpoint() {
      return origin + TOKEN_API_PATH;
    },
    get port() {
      return port;
    },
    token,
    uid,
    productId,
    devices,
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: () => faults.clear(),
      pending: () => faults.pending(),
    },
    get calls() {
      return calls.list();
    },
    get settings() {
      return { ...settings };
    },
    dataDir,
    configure: (changes) => applySettings(settings, changes),
    listDevices: () => state.devices.list(),
    addDevice: (deviceId, online) => void state.devices.add(deviceId, online),
    setDeviceOnline: (deviceId, online) => state.devices.setOnline(deviceId, online),
    addToken: (t, u) => void state.tokens.set(t, u ?? randomDigits(17)),
    revokeToken: (t) => void state.tokens.delete(t),
    addProduct: (id) => void state.products.add(id),
    objects: () => store.list(),
    readObject: (key) => store.read(key),
    deliveries,
    presignUrl: (o) =>
      presigner.url({
        method: o.method,
        key: o.key,
        startSeconds: o.startSeconds ?? Math.floor(now() / 1000),
        validitySeconds: o.validitySeconds ?? settings.urlValiditySeconds,
      }),
    clearCalls: () => calls.clear(),
    reset: async () => {
      faults.clear();
      calls.clear();
      state.grants.clear();
      state.resources.clear();
      state.devices.clear();
      state.tokens.clear();
      state.products.clear();
      applySettings(settings, initialSettings);
      seed();
      await store.clear();
    },
    snapshot: () => ({
      origin,
      endpoint: origin + TOKEN_API_PATH,
      tokens: state.tokens.size,
      uid,
      productId,
      products: [...state.products],
      devices: state.devices.list(),
      settings: { ...settings },
      faults: faults.pending(),
      objects: store.list(),
      deliveries: deliveries(),
      calls: calls.list(),
    }),
    stop: () => stop(),
  };

  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const guard = new OriginGuard(host, () => port);
  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const wrongHost = guard.checkHost(req);
    if (wrongHost) return sendJson(res, wrongHost.status, { error: wrongHost.error });
    // No CORS anywhere: the playground is same-origin, and no other page may read an answer.
    if (req.method === 'OPTIONS') return sendJson(res, 403, { error: 'cross-origin requests are not served' });
    const { path: urlPath, query } = splitUrl(req.url ?? '/');
    if (urlPath.startsWith(ADMIN_PREFIX)) {
      const refused = guard.checkAdmin(req);
      if (refused) return sendJson(res, refused.status, { error: refused.error });
      return handleAdmin(req, res, ctx, emulator);
    }
    if (settings.offline && (urlPath === TOKEN_API_PATH || isBucketRequest(req, urlPath, query))) {
      // Like a lost network: no answer at all.
      log(`offline: dropped ${req.method ?? ''} ${urlPath === TOKEN_API_PATH ? 'token API' : 'bucket'}`);
      req.socket.destroy();
      return;
    }
    if (urlPath === TOKEN_API_PATH) {
      const refused = guard.checkTokenApi(req);
      return refused ? refuseTokenApi(req, res, ctx, refused) : handleTokenApi(req, res, ctx);
    }
    const fallback = options.fallback;
    if (fallback && (req.method === 'GET' || req.method === 'HEAD') && !isSigned(req, query) && (await fallback(req, res))) return;
    if (urlPath === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, {
        name: 'iotexplorer-emulator',
        endpoint: emulator.endpoint,
        state: origin + ADMIN_PREFIX + 'state',
      });
    }
    return handleBucket(req, res, ctx);
  };
  const server = createServer((req, res) => {
    const handling = dispatch(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal emulator error' });
      else res.destroy();
    });
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await Promise.allSettled([...inFlight]);
      if (ownsDir) await fsp.rm(dataDir, { recursive: true, force: true });
    })());

  try {
    const address = await listen(server, options.port ?? 0, host);
    origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    port = address.port;
  } catch (err) {
    if (ownsDir) await fsp.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return emulator;
}

function pickSettings(options: EmulatorOptions): Partial<Settings> {
  return {
    envelope: options.envelope,
    urlValiditySeconds: options.urlValiditySeconds,
    deliveryDelayMs: options.deliveryDelayMs,
    apiErrorStatus: options.apiErrorStatus,
    fileSizeMismatch: options.fileSizeMismatch,
    pendingResource: options.pendingResource,
    offline: options.offline,
  };
}
