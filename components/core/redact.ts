/**
 * Secrets of one upload (its access tokens and the signatures of its URLs), so that no message,
 * event or log line the package produces can carry them, even when a server echoes them back.
 */
export class Secrets {
  private readonly values: string[] = [];

  add(value: string | undefined): void {
    // Short strings would blank out ordinary words; real tokens and signatures are long.
    if (value && value.length >= 8 && this.values.indexOf(value) === -1) this.values.push(value);
  }

  /** Remembers the signature parts of a presigned URL, in every encoding they may be echoed in. */
  addUrl(url: string): void {
    const query = url.indexOf('?') === -1 ? '' : url.slice(url.indexOf('?') + 1);
    for (const pair of query.split('&')) {
      const value = pair.slice(pair.indexOf('=') + 1);
      this.add(value);
      this.add(safeDecode(value));
    }
    const decoded = safeDecode(query);
    const signature = /q-signature=([0-9a-fA-F]+)/.exec(decoded);
    if (signature) this.add(signature[1]);
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join('***');
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

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
