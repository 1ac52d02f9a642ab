/**
 * Real PNGs drawn from a function of (x, y), to pick in the browser and find again in a
 * screenshot: a thumbnail that draws the picked file shows these colours where they should be; an
 * empty box shows the page behind it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deflateSync } from 'zlib';
import type { TestFile } from './harness';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export type Rgb = [number, number, number];

/** 8-bit RGB, no filter, no colour profile (browsers draw it as sRGB, unchanged). */
export function png(width: number, height: number, colourAt: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const pixels = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(colourAt(x, y).map((c) => Math.max(0, Math.min(255, Math.round(c)))), y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

export function writePng(dir: string, name: string, width: number, height: number, colourAt: (x: number, y: number) => Rgb): TestFile {
  const bytes = png(width, height, colourAt);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return { path: file, name, bytes, md5: createHash('md5').update(bytes).digest('hex') };
}
