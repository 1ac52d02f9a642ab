/**
 * Every emulator fault at every phase of an upload (URL, PUT, register, deliver), once with
 * retries left and once outlasting them. Each run ends in success or in SPEC's documented code,
 * and every failed file then succeeds when retried after the fault clears. Real HTTP throughout.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setAccessTokenProvider } from '../../components/core';
import type { UploadResourceOptions } from '../../components/core';
import { Emulator, FaultKind, FaultSpec, FaultTarget, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const RETRIES = 2;
const TIMEOUT_MS = 250;
const INVALID_TOKEN = 'InvalidParameterValue.InvalidAccessToken';

type Phase = 'url' | 'put' | 'register' | 'control' | 'describe';
const TARGETS: Record<Phase, FaultTarget> = {
  url: 'AppGetResourceUploadURL',
  put: 'bucket',
  register: 'AppCreateProductResource',
  control: 'AppControlDeviceResource',
  describe: 'AppDescribeDeviceResource',
};

type Expected = { ok: true } | { code: string; retryable: boolean };

/** SPEC's mapping of a fault to its outcome; `lasting` means it outlasts every retry. */
function expected(phase: Phase, kind: FaultKind, lasting: boolean): Expected {
  const storage = phase === 'put';
  // A status poll that keeps failing only delays the answer: the next poll asks again.
  const polled = phase === 'describe';
  switch (kind) {
    case 'http5xx':
      return !lasting || polled ? { ok: true } : { code: storage ? 'Storage.InternalError' : 'InternalError', retryable: true };
    case 'drop':
      return !lasting || polled ? { ok: true } : { code: 'NetworkError', retryable: true };
    case 'delay':
      return !lasting || polled ? { ok: true } : { code: 'Timeout', retryable: true };
    case 'apiError':
      return !lasting || polled ? { ok: true } : { code: storage ? 'Storage.SlowDown' : 'RequestLimitExceeded', retryable: true };
    case 'malformedJson':
      return { code: 'InvalidResponse', retryable: false };
    case 'invalidToken':
      // The provider renews the token once; a second refusal is final.
      return lasting ? { code: INVALID_TOKEN, retryable: false } : { ok: true };
    case 'expiredUrl':
      return lasting ? { code: 'Storage.AccessDenied', retryable: false } : { ok: true };
    case 'slowPut':
      return { ok: true }; // not in KINDS: its timing edge is tested on its own
  }
}

function faultFor(phase: Phase, kind: FaultKind, lasting: boolean): FaultSpec {
  const target = TARGETS[phase];
  // Transient faults need one more than the retries to outlast them; renewals happen once.
  const count = lasting ? (kind === 'invalidToken' || kind === 'expiredUrl' ? 2 : RETRIES + 1) : 1;
  const spec: FaultSpec = { target, kind, count };
  // The PUT's timeout grows with the body (one second per 128 KiB), so its delay must too.
  if (kind === 'delay') spec.delayMs = phase === 'put' ? TIMEOUT_MS + 1500 : TIMEOUT_MS + 400;
  if (kind === 'apiError') Object.assign(spec, phase === 'put' ? { code: 'SlowDown', status: 503 } : { code: 'RequestLimitExceeded' });
  return spec;
}

function applies(phase: Phase, kind: FaultKind): boolean {
  if (phase === 'put') return kind !== 'malformedJson' && kind !== 'invalidToken';
  return kind !== 'expiredUrl' || phase === 'url';
}

const KINDS: FaultKind[] = ['http5xx', 'drop', 'delay', 'malformedJson', 'invalidToken', 'expiredUrl', 'apiError'];
const cases: Array<[Phase, FaultKind, boolean]> = [];
for (const phase of Object.keys(TARGETS) as Phase[]) {
  for (const kind of KINDS) if (applies(phase, kind)) for (const lasting of [false, true]) cases.push([phase, kind, lasting]);
}

let emu: Emulator;
let dir: string;
let tried = 0;
const platform = createNodePlatform();
const emitted = guardAgainstLeaks(() => [emu.token]);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, deliveryDelayMs: 20 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-matrix-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`reliability: ${tried} faults tried at ${Object.keys(TARGETS).length} phases\n`);
});
beforeEach(async () => {
  await emu.reset();
  setAccessTokenProvider(() => emu.token);
});

test.each(cases)('%s · %s · outlasting retries: %s', async (phase, kind, lasting) => {
  const filePath = path.join(dir, `${phase}-${kind}-${lasting}.mp3`);
  const bytes = randomBytes(3000);
  fs.writeFileSync(filePath, bytes);
  const options: UploadResourceOptions = {
    platform,
    filePath,
    productId: emu.productId,
    accessToken: emu.token,
    endpoint: emu.endpoint,
    deviceId: emu.devices.online,
    retries: RETRIES,
    retryDelay: 5,
    timeout: TIMEOUT_MS,
    deliveryPollInterval: 30,
    deliveryTimeout: 3000,
  };
  emu.faults.inject(faultFor(phase, kind, lasting));
  tried++;

  const first = await observeUpload(emitted, options);
  const want = expected(phase, kind, lasting);
  if ('ok' in want) {
    expect(first.error).toBeUndefined();
    expect(first.result!.delivery).toBe('delivered');
  } else {
    expect(first.error).toMatchObject(want);
    emu.faults.clear();
    const again = await observeUpload(emitted, options);
    expect(again.error).toBeUndefined();
    expect(again.result!.delivery).toBe('delivered');
  }
  const stored = emu.objects().filter((o) => o.key.includes(first.result ? first.result.userResourceName : ''));
  expect(stored.length).toBeGreaterThan(0);
  expect(Buffer.compare(emu.readObject(stored[stored.length - 1].key), bytes)).toBe(0);
}, 20000);
