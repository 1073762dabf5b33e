// Pre-signed media URLs in the S3 query-string style (AWSAccessKeyId, Expires, Signature),
// HMAC-signed with a per-sandbox secret; expiry is checked on the sandbox clock.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MEDIA_PREFIX = '/_media/';

export type VerifyResult =
  | { ok: true }
  | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string };

export class MediaUrlSigner {
  private readonly secret: Buffer;
  readonly accessKeyId: string;

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number,
  ) {
    this.secret = randomBytes(32);
    this.accessKeyId = `ASIASANDBOX${randomBytes(5).toString('hex').toUpperCase()}`;
  }

  private signature(path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`GET\n${expires}\n${path}`).digest('base64');
  }

  /** A URL for `path` (under /_media/) valid for `ttlSeconds` of sandbox time from now. */
  sign(path: string, ttlSeconds: number): string {
    // Rounded up so a URL is never valid for less than its TTL.
    const expires = Math.ceil(this.now() / 1000 + ttlSeconds);
    const query = new URLSearchParams({
      AWSAccessKeyId: this.accessKeyId,
      Expires: String(expires),
      Signature: this.signature(path, expires),
    });
    return `${this.baseUrl()}${path}?${query.toString()}`;
  }

  verify(path: string, query: URLSearchParams): VerifyResult {
    const keyId = query.get('AWSAccessKeyId');
    const expiresRaw = query.get('Expires');
    const signature = query.get('Signature');
    if (keyId === null || expiresRaw === null || signature === null) {
      return {
        ok: false,
        code: 'AccessDenied',
        message: 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters',
      };
    }
    const expires = Number(expiresRaw);
    const expected = Buffer.from(this.signature(path, expires));
    const given = Buffer.from(signature);
    if (keyId !== this.accessKeyId || !/^\d+$/.test(expiresRaw) || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return {
        ok: false,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      };
    }
    if (this.now() / 1000 > expires) return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
    return { ok: true };
  }
}
