/**
 * Secrets of one upload (its access tokens and the signatures of its URLs), so that no string the
 * package surfaces can carry them, even when a server echoes them back cut, re-cased, URL-encoded
 * or form-decoded. SPEC rule: no surfaced string holds 16 consecutive characters of a secret.
 */
export const SECRET_WINDOW = 16;

/** A–Z only, so every index of the result matches the input's (full Unicode lower-casing may not). */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be encoded; its raw form is still covered.
    return value;
  }
}

/** The forms a secret is echoed in: raw, URL-encoded, URL-decoded, `+` read as a space. */
function formsOf(secret: string): string[] {
  const decoded = safeDecode(secret);
  const all = [secret, safeEncode(secret), decoded, safeEncode(decoded), secret.replace(/\+/g, ' '), decoded.replace(/\+/g, ' '), safeEncode(decoded).replace(/%20/g, '+')];
  const out: string[] = [];
  for (const form of all) {
    const lower = lowerAscii(form);
    if (lower.length >= 8 && out.indexOf(lower) === -1) out.push(lower);
  }
  return out;
}

export class Secrets {
  private readonly values: string[] = [];
  /** Forms shorter than a window, matched whole. */
  private readonly whole: string[] = [];
  /** Every 16-character window of every longer form. */
  private readonly windows = new Set<string>();

  add(value: string | undefined): void {
    // Short strings would blank out ordinary words; real tokens and signatures are long.
    if (typeof value !== 'string' || value.length < 8 || this.values.indexOf(value) !== -1) return;
    this.values.push(value);
    for (const form of formsOf(value)) {
      if (form.length < SECRET_WINDOW) {
        if (this.whole.indexOf(form) === -1) this.whole.push(form);
        continue;
      }
      for (let i = 0; i + SECRET_WINDOW <= form.length; i++) this.windows.add(form.slice(i, i + SECRET_WINDOW));
    }
  }

  /**
   * Remembers the signature parts of a presigned URL: every query value (raw and decoded, so a
   * merged `sign` and unmerged `q-signature`/`Signature` alike), each decoded on its own so one
   * malformed `%` escape elsewhere cannot keep a signature from being registered.
   */
  addUrl(url: string): void {
    const q = url.indexOf('?');
    if (q === -1) return;
    for (const pair of url.slice(q + 1).split(/[&#]/)) {
      const value = pair.slice(pair.indexOf('=') + 1);
      this.add(value);
      const decoded = safeDecode(value);
      this.add(decoded);
      // A merged `sign` holds `q-signature=<hex>` among public fields: the hex alone is the secret.
      const signature = /q-signature=([0-9a-zA-Z+/=%]+)/i.exec(decoded);
      if (signature) this.add(signature[1]);
    }
  }

  /** True when `text` holds any part of a secret this upload knows. */
  holds(text: string): boolean {
    return this.redact(text) !== text;
  }

  redact(text: string): string {
    if (typeof text !== 'string' || !text) return text;
    const lower = lowerAscii(text);
    const marked: boolean[] = [];
    let any = false;
    const mark = (from: number, length: number) => {
      for (let i = from; i < from + length; i++) marked[i] = true;
      any = true;
    };
    for (const form of this.whole) {
      for (let at = lower.indexOf(form); at !== -1; at = lower.indexOf(form, at + 1)) mark(at, form.length);
    }
    if (this.windows.size) {
      for (let i = 0; i + SECRET_WINDOW <= lower.length; i++) {
        if (this.windows.has(lower.slice(i, i + SECRET_WINDOW))) mark(i, SECRET_WINDOW);
      }
    }
    let out = text;
    if (any) {
      out = '';
      for (let i = 0; i < text.length; i++) {
        if (!marked[i]) out += text.charAt(i);
        else if (!marked[i - 1]) out += '***';
      }
    }
    return redactPatterns(out);
  }
}

/** Signature-shaped text is hidden even when it is not one we know of. */
export function redactPatterns(text: string): string {
  return text
    .replace(/(q-signature(?:=|%3D))[0-9a-fA-F]+/gi, '$1***')
    .replace(/([?&]sign=)[^&\s"'<]+/gi, '$1***')
    .replace(/("?AccessToken"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***');
}
