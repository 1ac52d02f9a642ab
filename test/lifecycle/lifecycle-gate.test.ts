/**
 * The gate the queue puts on its platform's requests: it waits out the life cycle and sends a cut
 * request again as it was, and nothing else: answers (any status) and failures that are not the
 * life cycle's doing pass through, and an abort ends a wait at once without a request.
 * Waiting holds nothing (SPEC 0.3): no request slot while waiting, and a request carrying file
 * bytes (the PUT) is not kept through a wait: it fails `interrupted` at once, for the upload to
 * drop the bytes and wait above (`whenRequestsMayGo`).
 */
import { AbortScope, gatePlatform, LifecycleMonitor, Platform, PlatformRequest, requestSlots, TransportError } from '../../components/core';
import { SimulatedPhone } from '../../node-platform/phone';
import { FakePlatform } from '../support/fake-platform';
import { platformBehindPhone } from './behind-phone';

const PUT: PlatformRequest = { url: 'https://bucket.example/key?sign=x', method: 'PUT', headers: {}, body: new ArrayBuffer(8), timeoutMs: 1000 };
/** A token-API call: its body is text, kept and sent again as it was. */
const CALL: PlatformRequest = {
  url: 'https://api.example/',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ Action: 'AppGetResourceUploadURL', RequestId: 'r-1' }),
  timeoutMs: 1000,
};

function setup() {
  const cloud = new FakePlatform();
  const phone = new SimulatedPhone({ backgroundGraceMs: 20 });
  const base = platformBehindPhone(cloud, phone);
  const monitor = new LifecycleMonitor(phone.lifecycle);
  const release = monitor.hold();
  return { cloud, phone, monitor, release, gated: gatePlatform(base, monitor) };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

test('a request made while offline waits without reaching the platform, holding no slot, then goes once', async () => {
  const t = setup();
  t.phone.goOffline();
  const task = t.gated.request(CALL);
  await tick(30);
  expect(t.cloud.requests).toHaveLength(0);
  expect(requestSlots.inUse).toBe(0);
  t.phone.goOnline();
  await expect(task.response).resolves.toMatchObject({ status: 200 });
  expect(t.cloud.requests).toHaveLength(1);
  t.release();
});

test('an abort ends the wait at once, and nothing is sent when the phone is back', async () => {
  const t = setup();
  t.phone.hide();
  const task = t.gated.request(CALL);
  task.abort();
  await expect(task.response).rejects.toMatchObject({ kind: 'aborted' });
  t.phone.show();
  await tick();
  expect(t.cloud.requests).toHaveLength(0);
  t.release();
});

test('answers pass through whatever the status, even while hidden', async () => {
  const t = setup();
  t.cloud.script('PUT', { status: 503, body: '<Error><Code>SlowDown</Code></Error>' });
  const task = t.gated.request(PUT);
  // Hidden once the request is on its way (a request made while hidden would be refused).
  while (t.cloud.requests.length === 0) await Promise.resolve();
  t.phone.hide();
  await expect(task.response).resolves.toMatchObject({ status: 503 });
  expect(t.cloud.requests).toHaveLength(1);
  t.phone.show();
  t.release();
});

test('a failure that is not the life cycle’s doing is reported as it is', async () => {
  const t = setup();
  t.cloud.script('PUT', { transport: 'timeout' });
  await expect(t.gated.request(PUT).response).rejects.toBeInstanceOf(TransportError);
  expect(t.cloud.requests).toHaveLength(1);
  t.release();
});

test('cut by the background: the same request (same URL, same body) goes again after show, its slot given back meanwhile', async () => {
  const t = setup();
  t.cloud.script('AppGetResourceUploadURL', { hang: true });
  const task = t.gated.request(CALL);
  await tick(2);
  expect(requestSlots.inUse).toBe(1);
  t.phone.hide();
  await tick(60);
  expect(t.cloud.aborts).toBeGreaterThanOrEqual(1);
  expect(requestSlots.inUse).toBe(0);
  t.phone.show();
  await expect(task.response).resolves.toMatchObject({ status: 200 });
  const calls = t.cloud.calls('AppGetResourceUploadURL');
  expect(calls).toHaveLength(2);
  expect(calls[1].url).toBe(CALL.url);
  expect(calls[1].body).toBe(CALL.body);
  expect(requestSlots.inUse).toBe(0);
  t.release();
  expect(t.phone.listenerCount).toBe(0);
});

test('interrupted with no hide heard, and no show ever coming: a probe finds the app in the foreground', async () => {
  const t = setup();
  let spurious = true;
  // The platform says interrupted once, though the app never left (or its hide and show went unheard).
  const under = Object.getPrototypeOf(t.gated) as Platform;
  const flaky: Platform = Object.create(under);
  flaky.request = (r) => {
    if (!spurious) return under.request(r);
    spurious = false;
    const failed = Promise.reject(new TransportError('interrupted', 'request:fail interrupted'));
    return { response: failed, abort: () => undefined };
  };
  const gated = gatePlatform(flaky, t.monitor);
  const started = Date.now();
  const task = gated.request(CALL);
  await tick(20);
  expect(t.monitor.blocker).toBe('background');
  await expect(task.response).resolves.toMatchObject({ status: 200 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  // The answer proved the foreground: others are no longer held back.
  expect(t.monitor.blocker).toBeNull();
  t.release();
});

test('a PUT due while held back fails interrupted at once: its bytes are not kept through the wait', async () => {
  const t = setup();
  t.phone.hide();
  await expect(t.gated.request(PUT).response).rejects.toMatchObject({ kind: 'interrupted' });
  expect(t.cloud.requests).toHaveLength(0);
  expect(requestSlots.inUse).toBe(0);
  t.phone.show();
  t.release();
});

test('a PUT cut by the background fails interrupted instead of waiting with its bytes; whenRequestsMayGo waits for the show', async () => {
  const t = setup();
  t.cloud.script('PUT', { hang: true });
  const task = t.gated.request(PUT);
  await tick(2);
  t.phone.hide();
  await expect(task.response).rejects.toMatchObject({ kind: 'interrupted' });
  expect(requestSlots.inUse).toBe(0);
  let cleared = false;
  const scope = new AbortScope();
  const wait = t.gated.whenRequestsMayGo(scope, 0).then(() => (cleared = true));
  await tick(30);
  expect(cleared).toBe(false);
  t.phone.show();
  await wait;
  expect(cleared).toBe(true);
  t.release();
});

test('whenRequestsMayGo ends with Aborted when its upload is aborted', async () => {
  const t = setup();
  t.phone.goOffline();
  const scope = new AbortScope();
  const wait = t.gated.whenRequestsMayGo(scope, 0);
  scope.abort();
  await expect(wait).rejects.toMatchObject({ code: 'Aborted' });
  t.phone.goOnline();
  t.release();
});
