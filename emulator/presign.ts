/** The emulator's own COS credentials, and the presigned URLs it hands out with them. */
import { cosAuthorization, cosEncode } from './cos-signature';
import { randomAlnum } from './ids';

export interface PresignOptions {
  method: 'GET' | 'PUT' | 'HEAD';
  /** Object key as stored, e.g. `res/123_PID_USER_1_RES_name_0.0.1`. */
  key: string;
  /** Start of the signature window, Unix seconds. */
  startSeconds: number;
  validitySeconds: number;
}

export class Presigner {
  /** Shaped like a real SecretId (`AKID` + 32 characters) so URLs look like the seed example. */
  readonly secretId = 'AKID' + randomAlnum(32);
  private readonly secretKey = randomAlnum(32);

  constructor(private readonly origin: () => string) {}

  secretKeyOf(secretId: string): string | undefined {
    return secretId === this.secretId ? this.secretKey : undefined;
  }

  /** `${origin}/<key, `/` as %2F>?sign=<URL-encoded authorization>`, the shape IoT Explorer returns. */
  url(o: PresignOptions): string {
    const auth = cosAuthorization({
      secretId: this.secretId,
      secretKey: this.secretKey,
      method: o.method,
      key: o.key,
      keyTime: `${o.startSeconds};${o.startSeconds + o.validitySeconds}`,
    });
    return `${this.origin()}/${cosEncode(o.key)}?sign=${encodeURIComponent(auth)}`;
  }
}
