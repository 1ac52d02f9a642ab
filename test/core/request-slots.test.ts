import { AbortScope, MAX_REQUESTS_IN_FLIGHT, RequestSlots, requestSlots, uploadResource } from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const aborted = () => new Error('aborted');
const tick = () => new Promise((r) => setTimeout(r, 5));
/** Waits until `condition` holds (or 5 s pass: a busy machine can be slow, a broken limit never settles). */
async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !condition() && Date.now() < end; ) await tick();
}

test('grants up to the limit, then first come first served; an aborted waiter leaves the line', async () => {
  const slots = new RequestSlots(2);
  const order: string[] = [];
  const a = await slots.acquire(new AbortScope(), aborted);
  const b = await slots.acquire(new AbortScope(), aborted);
  const cScope = new AbortScope();
  const c = slots.acquire(cScope, aborted).then((release) => (order.push('c'), release));
  const d = slots.acquire(new AbortScope(), aborted).then((release) => (order.push('d'), release));
  expect([slots.inUse, slots.waiting]).toEqual([2, 2]);
  cScope.abort();
  await expect(c).rejects.toThrow('aborted');
  expect(slots.waiting).toBe(1);
  a();
  a(); // releasing twice frees one slot only
  const releaseD = await d;
  expect(order).toEqual(['d']);
  expect(slots.inUse).toBe(2);
  b();
  releaseD();
  expect([slots.inUse, slots.waiting]).toEqual([0, 0]);
});

test(`all uploads of the app together keep at most ${MAX_REQUESTS_IN_FLIGHT} requests in flight`, async () => {
  const platform = new FakePlatform();
  const uploads = Array.from({ length: 12 }, (_, i) => {
    platform.addFile(`/f${i}.bin`, new Uint8Array([i, 1, 2]));
    platform.script('PUT', { hang: true });
    return uploadResource({ platform, filePath: `/f${i}.bin`, productId: 'P', accessToken: 'tok-slots-0123456789', endpoint: ENDPOINT });
  });
  const settled = uploads.map((u) => u.catch((e) => e.code));
  await until(() => platform.calls('PUT').length >= MAX_REQUESTS_IN_FLIGHT && requestSlots.waiting >= 4);
  await tick();
  // Eight PUTs hang in their slots; the four uploads that came last wait before theirs.
  expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(12);
  expect(platform.calls('PUT')).toHaveLength(MAX_REQUESTS_IN_FLIGHT);
  expect([requestSlots.inUse, requestSlots.waiting]).toEqual([MAX_REQUESTS_IN_FLIGHT, 4]);
  const putting = platform.calls('PUT').map((p) => new Uint8Array(p.body as ArrayBuffer)[0]);
  const waiting = uploads.map((_, i) => i).filter((i) => putting.indexOf(i) === -1);
  expect(waiting).toHaveLength(4);

  // An upload waiting for a slot aborts without sending anything more.
  uploads[waiting[0]].abort();
  expect(await settled[waiting[0]]).toBe('Aborted');
  expect(requestSlots.waiting).toBe(3);
  expect(platform.calls('PUT')).toHaveLength(MAX_REQUESTS_IN_FLIGHT);

  // Freeing one slot lets exactly one waiting upload send its PUT.
  uploads[putting[0]].abort();
  await until(() => platform.calls('PUT').length > MAX_REQUESTS_IN_FLIGHT);
  await tick();
  expect(platform.calls('PUT')).toHaveLength(MAX_REQUESTS_IN_FLIGHT + 1);
  expect([requestSlots.inUse, requestSlots.waiting]).toEqual([MAX_REQUESTS_IN_FLIGHT, 2]);

  uploads.forEach((u) => u.abort());
  expect(new Set(await Promise.all(settled))).toEqual(new Set(['Aborted']));
  expect([requestSlots.inUse, requestSlots.waiting]).toEqual([0, 0]);
});
