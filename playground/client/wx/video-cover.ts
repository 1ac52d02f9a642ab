/**
 * A picked video's cover, as WeChat's `chooseMedia` hands it out (`thumbTempFilePath`): the first
 * frame as a JPEG temp file. The component shows it in an `<image>`; without one a video row
 * would show a generic icon in the playground though it shows a picture on a phone. A video the
 * browser cannot decode gets no cover (''), as some WeChat clients give none.
 */
import { addTempFile } from './temp-files';

/** Long enough for a local file's first frame; a file that never answers gets no cover. */
const DECODE_LIMIT_MS = 5000;

function firstFrame(video: HTMLVideoElement): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), DECODE_LIMIT_MS);
    function done(ok: boolean): void {
      clearTimeout(timer);
      video.onloadeddata = null;
      video.onerror = null;
      resolve(ok);
    }
    video.onloadeddata = () => done(video.videoWidth > 0 && video.videoHeight > 0);
    video.onerror = () => done(false);
  });
}

export async function videoCover(file: Blob): Promise<string> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  try {
    video.muted = true;
    video.preload = 'auto';
    video.src = url;
    if (!(await firstFrame(video))) return '';
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    if (!context) return '';
    context.drawImage(video, 0, 0);
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return jpeg ? addTempFile(jpeg, 'cover.jpg') : '';
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
