/**
 * Secrets of one upload (its access tokens and the secret parts of its URLs), so that no string
 * the package surfaces can carry them, even when a server echoes them back cut, re-cased,
 * percent-encoded (any characters, `%33%33…` included) or form-decoded. SPEC rule: no surfaced
 * string holds 16 consecutive characters of a secret.
 *
 * Texts are compared lower-cased (A–Z only), twice: as written and with one level of
 * percent-encoding undone (each `%XX` the byte it stands for). A match is mapped back to the
 * characters it came from, so exactly those are replaced.
 */
export const SECRET_WINDOW = 16;

/** Shorter values would blank out ordinary words; real tokens and signatures are long. */
const MIN_SECRET_LENGTH = 8;

/** A text as read: `at[i]` is where `bytes[i]` starts in the text (and `at[length]` its end). */
interface Reading {
  bytes: string;
  at: number[];
}

/**
 * The text lower-cased (A–Z only, so every character stays where it was); with `decode`, each
 * `%XX` (either case) of a printable ASCII character is that character. One level only, and never
 * failing: a malformed escape stays as written.
 */
function read(text: string, decode: boolean): Reading {
  let bytes = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    // Only escapes of printable ASCII (%20 to %7E) are undone: secrets are ASCII, and a stray '%' before
    // a secret whose text begins with hex digits ("%" + "aa…") must not swallow its first characters.
    const hex = text.slice(i + 1, i + 3);
    const escape = decode && text.charAt(i) === '%' && /^([2-6][0-9a-f]|7[0-9a-e])$/i.test(hex);
    at.push(i);
    bytes += escape ? String.fromCharCode(parseInt(hex, 16)) : text.charAt(i);
    i += escape ? 3 : 1;
  }
  at.push(text.length);
  return { bytes: bytes.replace(/[A-Z]+/g, (c) => c.toLowerCase()), at };
}

function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text; // A lone surrogate cannot be encoded; its raw form is still covered.
  }
}

/**
 * `+` read as a space (form encoding), in texts and secrets alike: an echo is found whichever of
 * the two it writes where, mixed included, and every character stays where it was.
 */
function plusAsSpace(text: string): string {
  return text.replace(/\+/g, ' ');
}

/**
 * One kind of secret. Its forms, lower-cased and with `+` as a space: as given and with one level
 * of percent-encoding undone. (A text holding the secret percent-encoded is caught by reading the
 * text decoded; secrets are ASCII: tokens, hex and base64 signatures, SecretIds.) A form shorter
 * than a window is matched whole, a longer one by any window: each is kept as its windows, a short
 * form being its own one window.
 */
class SecretSet {
  private readonly windows = new Set<string>();
  /** The window lengths in `windows`: SECRET_WINDOW, and those of short forms. */
  private readonly sizes = new Set<number>();

  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    // Also as encodeURIComponent writes it: a stray '%' just before an encoded echo would shift the
    // decoded reading of the text, but the encoded text itself is still there to be found.
    for (const base of [read(value, false).bytes, read(value, true).bytes, read(encoded(value), false).bytes]) {
      if (base.length < MIN_SECRET_LENGTH) continue;
      const form = plusAsSpace(base);
      const size = Math.min(form.length, SECRET_WINDOW);
      this.sizes.add(size);
      for (let i = 0; i + size <= form.length; i++) this.windows.add(form.slice(i, i + size));
    }
  }

  /** Marks the text's characters a match in `reading` came from; true when there was one. */
  mark({ bytes, at }: Reading, marked: boolean[]): boolean {
    let any = false;
    for (const size of this.sizes) {
      for (let i = 0; i + size <= bytes.length; i++) {
        if (!this.windows.has(bytes.slice(i, i + size))) continue;
        for (let c = at[i]; c < at[i + size]; c++) marked[c] = true;
        any = true;
      }
    }
    return any;
  }
}

/** `text` read as written and with one level of percent-encoding undone, `+` as a space in both. */
function readingsOf(text: string): Reading[] {
  return [read(text, false), read(text, true)].map(({ bytes, at }) => ({ bytes: plusAsSpace(bytes), at }));
}

/** `name=value` pairs of a query (values as written). */
function pairsOf(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  query.replace(/([^&#=]+)=([^&#]*)/g, (_all, name: string, value: string) => (out.push([name, value]), ''));
  return out;
}

/**
 * Access tokens (`add`; the URL the token API issues must not hold them, `holdsToken`) and the
 * secret parts of URLs (`addUrl`). `holds`: any part of a secret this upload knows, or something
 * signature-shaped.
 */
export class Secrets {
  private readonly tokenSecrets = new SecretSet();
  private readonly urlParts = new SecretSet();

  add(value: string | undefined): void {
    this.tokenSecrets.add(value);
  }

  /** The secret parts of a presigned URL, each parameter read on its own (a malformed `%` elsewhere cannot hide one). */
  addUrl(url: string): void {
    const q = url.indexOf('?');
    if (q !== -1) this.addQuery(url.slice(q + 1), true);
  }

  /**
   * The values of a query's secret parameters (SPEC "Clarifications (0.3)"): the signature and the
   * SecretId (`q-ak`), inside `sign` or on their own, and the temporary credentials' token; any
   * other `…signature` parameter is a signature too. The rest of a URL (the public text of `sign`,
   * times, lists, an MD5, a name) is not a secret. In the URL's own query, `sign` (or
   * `authorization`) holds more of them, URL-encoded (read lower-cased, as every secret is compared).
   */
  private addQuery(query: string, outer: boolean): void {
    for (const [name, value] of pairsOf(query)) {
      if (/^(q-ak|x-cos-security-token|.*signature)$/i.test(name)) this.urlParts.add(value);
      else if (outer && /^(sign|authorization)$/i.test(name)) this.addQuery(read(value, true).bytes, false);
    }
  }

  holds(text: string): boolean {
    return this.redact(text) !== text;
  }

  holdsToken(text: string): boolean {
    return typeof text === 'string' && readingsOf(text).some((reading) => this.tokenSecrets.mark(reading, []));
  }

  redact(text: string): string {
    if (typeof text !== 'string' || !text) return text;
    const marked: boolean[] = [];
    for (const reading of readingsOf(text)) {
      this.tokenSecrets.mark(reading, marked);
      this.urlParts.mark(reading, marked);
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (!marked[i]) out += text.charAt(i);
      else if (!marked[i - 1]) out += '***';
    }
    // Signature-shaped text is hidden even when it is not one we know of.
    return out
      .replace(/(q-signature(?:=|%3D))[0-9a-fA-F]+/gi, '$1***')
      .replace(/([?&]sign=)[^&\s"'<]+/gi, '$1***')
      .replace(/("?AccessToken"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***');
  }
}
