/**
 * Speed against the limit: the core's whole upload (hash, sign, read, PUT, ETag check) against a
 * bare PUT of the same bytes to a URL of the same shape, alternating runs, medians compared.
 */
import * as fs from 'fs';
import { uploadResource } from '../components/core/upload-resource';
import type { Emulator } from '../emulator';
import { createNodePlatform } from '../node-platform';
import { Fixtures, MiB } from './fixtures';
import { Figure, median } from './table';

const platform = createNodePlatform();

async function issueUrl(emu: Emulator, size: number, name: string): Promise<string> {
  const res = await platform.request({
    url: emu.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ AccessToken: emu.token, RequestId: 'bench-' + Date.now(), Action: 'AppGetResourceUploadURL', ProductId: emu.productId, UserResourceName: name, FileSize: size, ResourceVer: '0.0.1' }),
    timeoutMs: 60000,
  }).response;
  return JSON.parse(res.body).data.UploadUrl;
}

async function barePut(url: string, bytes: ArrayBuffer): Promise<void> {
  const res = await platform.request({ url, method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes, timeoutMs: 600000 }).response;
  if (res.status !== 200) throw new Error('bare PUT failed: ' + res.status);
}

export async function measureSpeed(emu: Emulator, fixtures: Fixtures, sizesMiB = [1, 20, 90], runs = 5): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const mib of sizesMiB) {
    const size = mib * MiB;
    const file = fixtures.file(`speed-${mib}.bin`, size);
    const bytes = new Uint8Array(fs.readFileSync(file)).buffer;
    const core: number[] = [];
    const bare: number[] = [];
    const phases: Record<string, number[]> = { hashing: [], signing: [], uploading: [] };
    for (let i = 0; i < runs; i++) {
      // Alternate so that warm-up, disk cache and GC fall on both sides alike.
      const url = await issueUrl(emu, size, `bare${mib}`);
      let t = performance.now();
      await barePut(url, bytes);
      bare.push(performance.now() - t);
      t = performance.now();
      const began: Record<string, number> = {};
      await uploadResource({
        platform,
        filePath: file,
        productId: emu.productId,
        accessToken: emu.token,
        endpoint: emu.endpoint,
        resourceName: `core${mib}`,
        onProgress: ({ phase, percent }) => {
          if (percent === 0) began[phase] = performance.now();
          else phases[phase].push(performance.now() - began[phase]);
        },
      });
      core.push(performance.now() - t);
      await emu.reset();
    }
    figures.push({ section: 'speed', name: `${mib} MiB: bare PUT (median of ${runs})`, value: median(bare), unit: 'ms' });
    figures.push({ section: 'speed', name: `${mib} MiB: core upload (median of ${runs})`, value: median(core), unit: 'ms', note: 'hash + URL + read + PUT + ETag check' });
    figures.push({ section: 'speed', name: `${mib} MiB: core / bare PUT`, value: median(core) / median(bare), unit: 'x', note: '1.00× is the limit' });
    for (const [phase, times] of Object.entries(phases)) {
      figures.push({ section: 'speed', name: `${mib} MiB: core phase ${phase}`, value: median(times), unit: 'ms', note: phase === 'hashing' ? 'MD5 by Node crypto here; native getFileInfo on WeChat' : phase === 'uploading' ? 'the PUT, after the rest of the file read' : '' });
    }
  }
  return figures;
}
