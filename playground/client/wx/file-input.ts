/**
 * Opens the browser's file dialog through a real `<input type=file>`. Browsers open it only in
 * answer to a user gesture; when a chooser is called without one (say from a timer), a small sheet
 * asks for the tap first, so the call still settles instead of hanging.
 */
import { askForTap } from './overlays';

export interface InputRequest {
  /** The input's `accept` attribute ('' for any file). */
  accept: string;
  multiple: boolean;
  /** Wording of the sheet shown when a tap is needed first. */
  prompt: string;
}

/** The chosen files, or null when the dialog was closed without a choice. */
function openDialog(req: InputRequest): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = req.accept;
    input.multiple = req.multiple;
    input.hidden = true;
    input.dataset.playgroundChooser = '';
    const done = (files: File[] | null) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(input.files && input.files.length ? Array.from(input.files) : null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}

export async function chooseWithInput(req: InputRequest): Promise<File[] | null> {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  if (activation && !activation.isActive && !(await askForTap(req.prompt))) return null;
  return openDialog(req);
}
