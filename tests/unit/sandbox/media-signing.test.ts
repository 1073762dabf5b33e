import { describe, expect, it } from 'vitest';
import { MediaUrlSigner } from '../../../electron/sandbox/media-signing';

const BASE = 'http://127.0.0.1:9';

function split(url: string): { path: string; query: URLSearchParams } {
  const u = new URL(url);
  return { path: u.pathname, query: u.searchParams };
}

describe('pre-signed media URLs', () => {
  it('signs an S3-style URL that verifies until it expires on the sandbox clock', () => {
    let now = 1_700_000_000_000;
    const signer = new MediaUrlSigner(() => BASE, () => now);
    const url = signer.sign('/_media/abc/video.mp4', 60);
    expect(url.startsWith(`${BASE}/_media/abc/video.mp4?`)).toBe(true);
    const { path, query } = split(url);
    expect(query.get('Expires')).toBe(String(1_700_000_000 + 60));
    expect(query.get('AWSAccessKeyId')).toBe(signer.accessKeyId);
    expect(signer.verify(path, query)).toEqual({ ok: true });
    now += 60_000;
    expect(signer.verify(path, query)).toEqual({ ok: true });
    now += 1_000;
    expect(signer.verify(path, query)).toMatchObject({ ok: false, code: 'AccessDenied', message: 'Request has expired' });
  });

  it('rejects a tampered expiry, another path, and URLs signed by another sandbox', () => {
    const signer = new MediaUrlSigner(() => BASE, () => 0);
    const { path, query } = split(signer.sign('/_media/abc/video.mp4', 60));
    const later = new URLSearchParams(query);
    later.set('Expires', String(Number(query.get('Expires')) + 3600));
    expect(signer.verify(path, later)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(signer.verify('/_media/other/video.mp4', query)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    const other = new MediaUrlSigner(() => BASE, () => 0);
    expect(other.verify(path, query)).toMatchObject({ ok: false });
  });

  it('asks for all three query parameters when one is missing', () => {
    const signer = new MediaUrlSigner(() => BASE, () => 0);
    const { path, query } = split(signer.sign('/_media/abc/video.mp4', 60));
    query.delete('Signature');
    expect(signer.verify(path, query)).toMatchObject({ ok: false, code: 'AccessDenied', message: expect.stringMatching(/Signature, Expires and AWSAccessKeyId/) });
  });
});
