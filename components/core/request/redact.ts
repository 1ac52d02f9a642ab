/**
 * Secrets of one upload (its access tokens and the secret parts of its URLs), so that no string
 * the package surfaces can carry them, even when a server echoes them back cut, re-cased,
 * percent-encoded (any characters, `%33%33…` included) or form-decoded. SPEC rule: no surfaced
 * string holds 16 consecutive characters of a secret.
 *
 * Texts and secrets are compared as UTF-8 bytes, lower-cased (A–Z only), twice: as written and
 * with one level of percent-encoding undone. A match is mapped back to the characters it came
 * from, so exactly those are replaced.
 */
export const SECRET_WINDOW = 16;

/** Shorter values would blank out ordinary words; real tokens and signatures are long. */
const MIN_SECRET_LENGTH = 8;

/** A text as bytes, each byte knowing which characters of the text it came from. */
interface ByteView {
  bytes: string;
  /** For byte i, the text's characters [from[i], to[i]). */
  from: number[];
  to: number[];
}

/** UTF-8 bytes of one code point (a lone surrogate too), as a string of char codes 0–255. */
function utf8(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

const HEX2 = /^[0-9a-fA-F]{2}$/;

/** A–Z only, so every byte stays where it was. */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * The text's bytes; with `decodePercent`, each `%XX` (either case) is the one byte it stands for.
 * One level only, and never failing: a malformed escape stays as written.
 */
function byteView(text: string, decodePercent: boolean): ByteView {
  let bytes = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    let piece: string;
    let end: number;
    if (decodePercent && text.charAt(i) === '%' && HEX2.test(text.slice(i + 1, i + 3))) {
      piece = String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      end = i + 3;
    } else {
      const cp = text.codePointAt(i) as number;
      piece = utf8(cp);
      end = i + (cp > 0xffff ? 2 : 1);
    }
    for (let k = 0; k < piece.length; k++) {
      from.push(i);
      to.push(end);
    }
    bytes += piece;
    i = end;
  }
  return { bytes: lowerAscii(bytes), from, to };
}

/**
 * The forms a secret is echoed in, as lower-cased bytes: as given and with one level of
 * percent-encoding undone, each also with `+` read as a space and a space written as `+`. A text
 * holding the secret percent-encoded is caught by reading the text decoded.
 */
function formsOf(secret: string): string[] {
  const out: string[] = [];
  for (const base of [byteView(secret, false).bytes, byteView(secret, true).bytes]) {
    for (const form of [base, base.replace(/\+/g, ' '), base.replace(/ /g, '+')]) {
      if (form.length >= MIN_SECRET_LENGTH && out.indexOf(form) === -1) out.push(form);
    }
  }
  return out;
}

/** One kind of secret: forms shorter than a window are matched whole, longer ones by any window. */
class SecretSet {
  private readonly values: string[] = [];
  private readonly whole: string[] = [];
  private readonly windows = new Set<string>();

  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.values.indexOf(value) !== -1) return;
    this.values.push(value);
    for (const form of formsOf(value)) {
      if (form.length < SECRET_WINDOW) {
        if (this.whole.indexOf(form) === -1) this.whole.push(form);
        continue;
      }
      for (let i = 0; i + SECRET_WINDOW <= form.length; i++) this.windows.add(form.slice(i, i + SECRET_WINDOW));
    }
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  /** Marks the text's characters that any match in `view` came from; true when there was one. */
  mark(view: ByteView, marked: boolean[]): boolean {
    const { bytes } = view;
    let any = false;
    const hit = (at: number, length: number) => {
      for (let c = view.from[at]; c < view.to[at + length - 1]; c++) marked[c] = true;
      any = true;
    };
    for (const form of this.whole) {
      for (let at = bytes.indexOf(form); at !== -1; at = bytes.indexOf(form, at + 1)) hit(at, form.length);
    }
    if (this.windows.size) {
      for (let i = 0; i + SECRET_WINDOW <= bytes.length; i++) {
        if (this.windows.has(bytes.slice(i, i + SECRET_WINDOW))) hit(i, SECRET_WINDOW);
      }
    }
    return any;
  }
}

/** `text` read as written and, when it has a `%`, with one level of percent-encoding undone. */
function viewsOf(text: string): ByteView[] {
  return text.indexOf('%') === -1 ? [byteView(text, false)] : [byteView(text, false), byteView(text, true)];
}

/**
 * The query parameters of a presigned URL whose values are secret (SPEC "Clarifications (0.3)"):
 * the signature and the SecretId (`q-ak`), inside `sign` or on their own, and the temporary
 * credentials' token. Any other `…signature` parameter is a signature too. The rest of a URL (the
 * public text of `sign`, times, lists, an MD5, a name) is not a secret.
 */
function isSecretParameter(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'q-ak' || n === 'x-cos-security-token' || /signature$/.test(n);
}

/** `sign` (and an `Authorization` in the query) holds the signature's fields, URL-encoded. */
function isMergedSignature(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'sign' || n === 'authorization';
}

/** Undoes one level of percent-encoding; a malformed escape stays as written. */
function decodeOnce(value: string): string {
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function pairsOf(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const pair of query.split(/[&#]/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) out.push([decodeOnce(pair.slice(0, eq)), pair.slice(eq + 1)]);
  }
  return out;
}

export class Secrets {
  /** Access tokens: the URL the token API issues must not hold them. */
  private readonly tokens = new SecretSet();
  /** The secret parts of the URLs this upload was given. */
  private readonly urlParts = new SecretSet();

  /** An access token (any whole secret the package sent). */
  add(value: string | undefined): void {
    this.tokens.add(value);
  }

  /**
   * Remembers the secret parts of a presigned URL, each parameter read on its own so one
   * malformed `%` escape elsewhere cannot keep a signature from being registered.
   */
  addUrl(url: string): void {
    const q = url.indexOf('?');
    if (q === -1) return;
    for (const [name, value] of pairsOf(url.slice(q + 1))) {
      if (isSecretParameter(name)) this.urlParts.add(value);
      else if (isMergedSignature(name)) {
        for (const [field, part] of pairsOf(decodeOnce(value))) if (isSecretParameter(field)) this.urlParts.add(part);
      }
    }
  }

  /** True when `text` holds any part of a secret this upload knows (or something signature-shaped). */
  holds(text: string): boolean {
    return this.redact(text) !== text;
  }

  /** True when `text` holds 16 consecutive characters of an access token, any case, raw or percent-encoded. */
  holdsToken(text: string): boolean {
    if (typeof text !== 'string' || this.tokens.empty) return false;
    const marked: boolean[] = [];
    return viewsOf(text).some((view) => this.tokens.mark(view, marked));
  }

  redact(text: string): string {
    if (typeof text !== 'string' || !text) return text;
    const marked: boolean[] = [];
    for (const view of viewsOf(text)) {
      this.tokens.mark(view, marked);
      this.urlParts.mark(view, marked);
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (!marked[i]) out += text.charAt(i);
      else if (!marked[i - 1]) out += '***';
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
