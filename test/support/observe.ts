/**
 * Collects everything the package hands back to a host (progress payloads, results, error
 * codes and messages, console output) so a test can prove no secret ever reaches them.
 */
import { setAccessTokenProvider, UploadError, uploadResource } from '../../components/core';
import type { UploadProgress, UploadResourceOptions, UploadResult } from '../../components/core';

export interface Outcome {
  result?: UploadResult;
  error?: UploadError;
  progress: UploadProgress[];
}

export class Emitted {
  readonly texts: string[] = [];

  add(value: unknown): void {
    this.texts.push(typeof value === 'string' ? value : JSON.stringify(value, errorReplacer));
  }

  /**
   * Secret-shaped text, or any 16 consecutive characters of a given secret (SPEC "Never (added)"):
   * in any letter case, raw or URL-encoded, with `+` read as a space; a secret shorter than 16
   * characters counts whole. Independent of the package's own redaction on purpose.
   */
  leaks(secrets: string[]): string[] {
    const found: string[] = [];
    for (const text of this.texts) {
      const hit = findSecretWindow(text, secrets);
      if (hit) found.push(`secret "${hit.slice(0, 6)}…" in ${text.slice(0, 120)}`);
      if (/q-signature(=|%3D)[0-9a-f]{8,}/i.test(text)) found.push('q-signature in ' + text.slice(0, 120));
      if (/[?&]sign=[^*&\s"]/.test(text)) found.push('sign= in ' + text.slice(0, 120));
    }
    return found;
  }
}

export const LEAK_WINDOW = 16;

function tryDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The forms a secret may be echoed in: raw, URL-encoded, form-decoded (`+` as space). */
export function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), secret.replace(/\+/g, ' '), tryDecode(secret), encodeURIComponent(secret).replace(/%20/g, '+')];
  return forms.filter((f, i) => forms.indexOf(f) === i).map((f) => f.toLowerCase());
}

/** The first window of a secret found in `text` (lower-cased), or null. */
export function findSecretWindow(text: string, secrets: string[]): string | null {
  const haystacks = [text.toLowerCase(), tryDecode(text).toLowerCase(), tryDecode(text.replace(/\+/g, ' ')).toLowerCase()];
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) {
      const size = Math.min(LEAK_WINDOW, form.length);
      for (let i = 0; i + size <= form.length; i++) {
        const window = form.slice(i, i + size);
        if (haystacks.some((h) => h.indexOf(window) !== -1)) return window;
      }
    }
  }
  return null;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { ...value, name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** Runs one upload and records what it emitted; never throws. */
export async function observeUpload(emitted: Emitted, options: UploadResourceOptions): Promise<Outcome> {
  const progress: UploadProgress[] = [];
  const outcome: Outcome = { progress };
  try {
    outcome.result = await uploadResource({
      retryDelay: 1,
      ...options,
      onProgress: (p) => {
        progress.push(p);
        emitted.add(p);
      },
    });
    emitted.add(outcome.result);
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    outcome.error = err;
    emitted.add(err);
    emitted.add(err.toJSON());
  }
  return outcome;
}

/** Captures console output for the duration of a test file. */
export function captureConsole(emitted: Emitted): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  methods.forEach((m) => {
    console[m] = (...args: unknown[]) => emitted.add(args.map(String).join(' '));
  });
  return () => methods.forEach((m, i) => (console[m] = saved[i]));
}

/**
 * For a whole test file: capture console output, collect what uploads emit, and fail the file
 * if any of `secrets()` (or anything signature-shaped) shows up. Also resets the token provider.
 */
export function guardAgainstLeaks(secrets: () => string[]): Emitted {
  const emitted = new Emitted();
  let restoreConsole: () => void = () => undefined;
  beforeAll(() => (restoreConsole = captureConsole(emitted)));
  afterEach(() => setAccessTokenProvider(null));
  afterAll(() => {
    restoreConsole();
    expect(emitted.leaks(secrets())).toEqual([]);
  });
  return emitted;
}
