/**
 * The fault matrix's life-cycle rows: the app sent to the background, and the network lost, at
 * every phase of an upload (hashing, signing, uploading, registering, delivering), over real HTTP
 * to the emulator, on the Node platform's simulated phone (WeChat's rules: a request still running
 * after the background grace fails `interrupted`, new ones fail until show; offline, everything
 * fails at once). Each request phase's call is held by storage or the API so it is in flight when
 * the phone acts.
 *
 * Through the queue (what the component runs), every cell ends stored, with no `fail` event, no
 * retry counted and no user action. Through `uploadResource` alone (which does not wait by
 * itself), every cell ends stored or in its documented retryable code, and a retry then stores it.
 * Either way: one object per name, byte for byte, and no secret in anything emitted.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setAccessTokenProvider, UploadQueue } from '../../components/core';
import type { UploadPhase, UploadResourceOptions } from '../../components/core';
import { Emulator, FaultTarget, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const GRACE_MS = 50;
/** How long the held call stays in flight: well past the grace. */
const HOLD_MS = 400;

type Interruption = 'background' | 'offline';
const PHASES: UploadPhase[] = ['hashing', 'signing', 'uploading', 'registering', 'delivering'];
/** The call each phase makes; hashing makes none (it reads the file). */
const TARGETS: Record<UploadPhase, FaultTarget | null> = {
  hashing: null,
  signing: 'AppGetResourceUploadURL',
  uploading: 'bucket',
  registering: 'AppCreateProductResource',
  delivering: 'AppControlDeviceResource',
};
const cells: Array<[UploadPhase, Interruption]> = [];
for (const phase of PHASES) for (const how of ['background', 'offline'] as Interruption[]) cells.push([phase, how]);

let emu: Emulator;
let dir: string;
let tried = 0;
const platform = createNodePlatform({ phone: { backgroundGraceMs: GRACE_MS } });
const phone = platform.phone;
const emitted = guardAgainstLeaks(() => [emu.token]);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, deliveryDelayMs: 20 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-matrix-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`reliability: ${tried} life-cycle interruptions tried at ${PHASES.length} phases\n`);
});
beforeEach(async () => {
  await emu.reset();
  setAccessTokenProvider(() => emu.token);
});
afterEach(() => {
  phone.show();
  phone.goOnline();
  expect(phone.listenerCount).toBe(0);
});

function newFile(name: string): { filePath: string; bytes: Buffer } {
  const filePath = path.join(dir, name);
  const bytes = randomBytes(3000);
  fs.writeFileSync(filePath, bytes);
  return { filePath, bytes };
}

function baseOptions(): Omit<UploadResourceOptions, 'filePath'> {
  return {
    platform,
    productId: emu.productId,
    accessToken: emu.token,
    endpoint: emu.endpoint,
    deviceId: emu.devices.online,
    retries: 2,
    retryDelay: 5,
    timeout: 2000,
    deliveryPollInterval: 30,
    deliveryTimeout: 3000,
  };
}

function interrupt(how: Interruption): void {
  if (how === 'background') phone.hide();
  else phone.goOffline();
}

function restore(how: Interruption): void {
  if (how === 'background') phone.show();
  else phone.goOnline();
}

function hold(phase: UploadPhase): void {
  const target = TARGETS[phase];
  if (target) emu.faults.inject({ target, kind: 'delay', delayMs: HOLD_MS });
}

/** Resolves once the held call has reached the emulator (its fault consumed), or at once for hashing. */
async function heldCallArrived(phase: UploadPhase): Promise<void> {
  if (!TARGETS[phase]) return;
  await until(() => emu.faults.pending().length === 0, 'the held call');
}

async function until(predicate: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function expectStoredOnce(userResourceName: string, bytes: Buffer): void {
  const stored = emu.objects().filter((o) => o.key.includes(userResourceName));
  expect(stored).toHaveLength(1);
  expect(Buffer.compare(emu.readObject(stored[0].key), bytes)).toBe(0);
}

test.each(cells)('queue · %s · %s: waits, then finishes by itself with no fail event', async (phase, how) => {
  const { filePath, bytes } = newFile(`queue-${phase}-${how}.bin`);
  const queue = new UploadQueue({ uploadOptions: () => baseOptions(), lifecycle: platform.lifecycle });
  const fails: unknown[] = [];
  queue.on('fail', ({ error }) => {
    fails.push(error.code);
    emitted.add(error);
  });
  queue.on('success', ({ result }) => emitted.add(result));
  queue.on('state', ({ file }) => emitted.add({ state: file.state, waitingFor: file.waitingFor }));
  let acted = false;
  queue.on('progress', ({ phase: p }) => {
    if (p !== phase || acted) return;
    acted = true;
    tried++;
    void heldCallArrived(phase).then(() => interrupt(how));
  });
  hold(phase);
  const [file] = queue.add([{ path: filePath, name: path.basename(filePath), size: bytes.length }], true);
  await until(() => file.state === 'paused', 'paused');
  expect(file.waitingFor).toBe(how === 'offline' ? 'network' : 'background');
  restore(how);
  await until(() => file.state === 'done', 'done');
  expect(fails).toEqual([]);
  expect(file.attempts).toBe(1);
  expect(file.result!.delivery).toBe('delivered');
  expectStoredOnce(file.result!.userResourceName, bytes);
  expect(queue.listening).toBe(false);
  queue.destroy();
}, 20000);

test.each(cells)('uploadResource · %s · %s: stored, or its documented retryable code and stored on retry', async (phase, how) => {
  const { filePath, bytes } = newFile(`api-${phase}-${how}.bin`);
  hold(phase);
  let acted = false;
  const options: UploadResourceOptions = {
    ...baseOptions(),
    filePath,
    onProgress: ({ phase: p }) => {
      if (p !== phase || acted) return;
      acted = true;
      tried++;
      void heldCallArrived(phase).then(() => interrupt(how));
    },
  };
  const first = await observeUpload(emitted, options);
  restore(how);
  if (first.error) {
    // Background: SPEC's Interrupted (request:fail interrupted), not retried by uploadResource;
    // offline: no answer. Both retryable, both leave the file to retry.
    expect(first.error).toMatchObject({ code: how === 'background' ? 'Interrupted' : 'NetworkError', retryable: true });
    const again = await observeUpload(emitted, { ...options, onProgress: undefined });
    expect(again.error).toBeUndefined();
    expectStoredOnce(again.result!.userResourceName, bytes);
  } else {
    // Hashing reads the file, which the background does not stop; the phone was back before any request.
    expectStoredOnce(first.result!.userResourceName, bytes);
  }
}, 20000);
