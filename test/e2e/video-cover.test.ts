/**
 * A picked video gets a cover, as WeChat's `chooseMedia` gives `thumbTempFilePath`: the component
 * shows it in an `<image>`, so without one a video row would be a generic icon in the playground
 * though a phone shows a picture. The video is a real one, recorded in the page (WebM, one colour).
 */
import * as fs from 'fs';
import * as path from 'path';
import { usePlayground } from './harness';
import type { Rgb } from './png';

jest.setTimeout(60000);

const s = usePlayground();

/** A WebM of `frames` frames of one colour, recorded from a canvas with the browser's own encoder. */
async function recordVideo(colour: Rgb, frames: number): Promise<Buffer> {
  const base64 = await s.page.evaluate(
    async ({ colour, frames }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const paint = () => {
        context.fillStyle = `rgb(${colour.join(',')})`;
        context.fillRect(0, 0, canvas.width, canvas.height);
      };
      paint();
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      // The stream carries a frame each time the canvas is painted.
      for (let i = 0; i < frames; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        paint();
      }
      recorder.stop();
      await stopped;
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { colour, frames },
  );
  return Buffer.from(base64, 'base64');
}

interface Picked {
  tempFilePath: string;
  thumbTempFilePath: string;
  fileType: string;
}

test('chooseMedia gives a picked video a cover: its first frame as a JPEG temp file', async () => {
  const green: Rgb = [40, 180, 90];
  const video = path.join(s.filesDir, 'green.webm');
  fs.writeFileSync(video, await recordVideo(green, 20));

  const chooser = s.page.waitForEvent('filechooser');
  const picked = s.page.evaluate(() =>
    (window as unknown as { wx: { chooseMedia(o: object): Promise<{ tempFiles: Picked[] }> } }).wx.chooseMedia({ count: 1, mediaType: ['video'] }),
  );
  await (await chooser).setFiles([video]);
  const [file] = (await picked).tempFiles;
  expect(file).toMatchObject({ fileType: 'video', tempFilePath: expect.stringMatching(/\.webm$/), thumbTempFilePath: expect.stringMatching(/^wxfile:\/\/tmp_[0-9a-f]+\.jpg$/) });

  // The cover's bytes, read back through the app's own file system, are a picture of the video.
  const cover = await s.page.evaluate(async (filePath) => {
    const fsm = (window as unknown as { wx: { getFileSystemManager(): { readFile(o: object): void } } }).wx.getFileSystemManager();
    const data = await new Promise<ArrayBuffer>((resolve, reject) => fsm.readFile({ filePath, success: (r: { data: ArrayBuffer }) => resolve(r.data), fail: reject }));
    const bitmap = await createImageBitmap(new Blob([data]));
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    const centre = Array.from(context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1).data.slice(0, 3));
    return { width: bitmap.width, height: bitmap.height, head: Array.from(new Uint8Array(data, 0, 3)), centre };
  }, file.thumbTempFilePath);
  expect(cover).toMatchObject({ width: 64, height: 48, head: [0xff, 0xd8, 0xff] });
  // Two lossy encodings (VP8, JPEG) later the colour is still the video's.
  cover.centre.forEach((channel, i) => expect(Math.abs(channel - green[i])).toBeLessThanOrEqual(16));
});

test('a video the browser cannot decode is picked without a cover', async () => {
  const broken = path.join(s.filesDir, 'broken.mp4');
  fs.writeFileSync(broken, Buffer.alloc(4000, 7));
  const chooser = s.page.waitForEvent('filechooser');
  const picked = s.page.evaluate(() =>
    (window as unknown as { wx: { chooseMedia(o: object): Promise<{ tempFiles: Picked[] }> } }).wx.chooseMedia({ count: 1, mediaType: ['video'] }),
  );
  await (await chooser).setFiles([broken]);
  expect((await picked).tempFiles[0]).toMatchObject({ fileType: 'video', size: 4000, thumbTempFilePath: '' });
});
