/**
 * One record per file, one state machine: the transitions the queue may make, candidates as
 * records of the queue (not in `files`, dropped by `remove`/`clear`, never aborted), and the view's
 * split of a `setData` patch that would pass 64 KiB.
 */
import { canTransition, isListed, transition, UploadQueue } from '../../components/core';
import type { FileState, QueueEvents, UploadResourceOptions, UploadTask } from '../../components/core';
import { MAX_SET_DATA_BYTES, splitPatch } from '../../components/resource-uploader/view';

const STATES: FileState[] = ['candidate', 'waiting', 'paused', 'hashing', 'signing', 'uploading', 'registering', 'delivering', 'done', 'failed', 'aborted'];

test('a candidate only becomes waiting; nothing goes back to candidate; a stored file stays stored', () => {
  expect(STATES.filter((s) => s !== 'candidate' && canTransition('candidate', s))).toEqual(['waiting']);
  expect(STATES.filter((s) => s !== 'candidate' && canTransition(s, 'candidate'))).toEqual([]);
  expect(STATES.filter((s) => s !== 'done' && canTransition('done', s))).toEqual([]);
  expect(canTransition('failed', 'waiting') && canTransition('aborted', 'waiting')).toBe(true);
  expect(isListed('candidate')).toBe(false);
  expect(STATES.filter((s) => s !== 'candidate').every(isListed)).toBe(true);
});

test('transition() changes the record, reports the state it left, and refuses what the machine does not allow', () => {
  const record = { id: 'r1', path: 'p', name: 'a.mp3', size: 1, state: 'candidate' as FileState, phase: null, percent: 0, steps: [], result: null, error: null, attempts: 0, waitingFor: null, resourceName: '' };
  expect(() => transition(record, 'uploading')).toThrow(/candidate → uploading/);
  expect(record.state).toBe('candidate');
  expect(transition(record, 'waiting')).toBe('candidate');
  expect(transition(record, 'waiting')).toBeNull();
  expect(transition(record, 'paused', 'network')).toBe('waiting');
  // Only the reason changed: still reported (the view shows it).
  expect(transition(record, 'paused', 'background')).toBe('paused');
  expect(record.waitingFor).toBe('background');
  expect(transition(record, 'waiting')).toBe('paused');
  expect(record.waitingFor).toBeNull();
});

function queue() {
  const started: string[] = [];
  const upload = (o: UploadResourceOptions): UploadTask => {
    started.push(o.name || '');
    const task = new Promise<never>(() => undefined) as unknown as UploadTask;
    (task as unknown as { abort: () => void }).abort = () => undefined;
    return task;
  };
  const q = new UploadQueue({ uploadOptions: () => ({ productId: 'P', accessToken: 't', resourceName: 'ring' }), upload });
  const log: Array<[keyof QueueEvents, string]> = [];
  for (const type of ['add', 'remove', 'fail'] as const) q.on(type, (e: { files?: Array<{ id: string }>; file?: { id: string } }) => log.push([type, e.files ? e.files.map((f) => f.id).join(',') : e.file!.id]));
  return { q, log, started };
}

test('candidates are records, not files; accept() lists them with one add; remove, clear and abort treat them as the SPEC says', () => {
  const { q, log, started } = queue();
  q.propose([
    { id: 'c1', path: 'p1', name: 'a.mp3', size: 1 },
    { id: 'c2', path: 'p2', name: 'b.mp3', size: 1 },
    { id: 'c3', path: 'p3', name: 'c.mp3', size: 1 },
  ]);
  expect(q.files).toEqual([]);
  expect(q.records.map((r) => r.state)).toEqual(['candidate', 'candidate', 'candidate']);
  expect(q.get('c1')).toBeUndefined();
  // A candidate holds the fixed name.
  expect(q.isResourceNameUsed('ring')).toBe(true);
  // Never aborted: a candidate is only dropped.
  q.abort();
  expect(log).toEqual([]);
  q.remove('c1');
  expect(q.accept(['c1', 'c2'], true).map((f) => f.id)).toEqual(['c2']);
  expect(started).toEqual(['b.mp3']);
  expect(q.files.map((f) => f.id)).toEqual(['c2']);
  // Accepting twice changes nothing.
  expect(q.accept(['c2'])).toEqual([]);
  q.clear();
  expect(q.records).toEqual([]);
  expect(q.accept(['c3'])).toEqual([]);
  expect(q.isResourceNameUsed('ring')).toBe(false);
  expect(log).toEqual([
    ['remove', 'c1'],
    ['add', 'c2'],
    ['remove', 'c2'],
    ['remove', 'c3'],
  ]);
});

test('splitPatch: small patches go whole; a big array goes as a head and indexed rows, every call within the cap, same data after', () => {
  expect(splitPatch({ a: 1, b: 'x' })).toEqual([{ a: 1, b: 'x' }]);
  const rows = Array.from({ length: 900 }, (_, i) => ({ id: 'host-' + i, name: 'é'.repeat(60) + i }));
  const calls = splitPatch({ summary: 's', hostItems: rows });
  expect(calls.length).toBeGreaterThan(1);
  for (const c of calls) expect(Buffer.byteLength(JSON.stringify(c), 'utf8')).toBeLessThanOrEqual(MAX_SET_DATA_BYTES);
  // Applied in order the way setData applies paths, they rebuild the patch.
  const view: Record<string, unknown> = {};
  for (const c of calls)
    for (const [k, v] of Object.entries(c)) {
      const m = /^(\w+)\[(\d+)\]$/.exec(k);
      if (m) (view[m[1]] as unknown[])[Number(m[2])] = v;
      else view[k] = Array.isArray(v) ? v.slice() : v;
    }
  expect(view).toEqual({ summary: 's', hostItems: rows });
});

test('an upload that settles without reporting a phase (a host’s wrapper) still settles the file', async () => {
  const done = { name: 'a.mp3', size: 1, md5: 'm', resourceName: 'r', resourceVer: '1.0.0', requestId: 'q' };
  const upload = (): UploadTask => {
    const task = Promise.resolve(done) as unknown as UploadTask;
    (task as unknown as { abort: () => void }).abort = () => undefined;
    return task;
  };
  const q = new UploadQueue({ uploadOptions: () => ({ productId: 'P', accessToken: 't' }), upload });
  const completes: unknown[] = [];
  q.on('complete', (s) => completes.push(s));
  const [file] = q.add([{ path: 'p', name: 'a.mp3', size: 1 }], true);
  await new Promise((r) => setTimeout(r, 5));
  expect(file.state).toBe('done');
  expect(completes).toEqual([{ succeeded: 1, failed: 0 }]);
});
