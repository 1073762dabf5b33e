import { describe, expect, it } from 'vitest';
import { mediaUrlFor, previewSourceFor, presignedExpiry } from '../../../electron/core/preview';
import { fakeClient } from '../downloads/fake-media';

describe('previewSourceFor', () => {
  it('plays the downloaded file through recall-media:// when it is on disk', async () => {
    const source = await previewSourceFor(
      { id: 'r1' },
      { kind: 'downloaded', fileName: 'a b#?.mp4', path: '/v/a b#?.mp4', size: 1, sha256: 'x' },
      { client: fakeClient() },
    );
    expect(source).toEqual({ kind: 'local', url: 'recall-media://file/a%20b%23%3F.mp4', fileName: 'a b#?.mp4' });
    expect(mediaUrlFor('a b#?.mp4')).toBe(source.url);
  });

  it('otherwise fetches a fresh pre-signed URL and reports its origin', async () => {
    const client = fakeClient();
    for (const local of [{ kind: 'not_downloaded' as const }, { kind: 'missing' as const, fileName: 'x.mp4', path: '/v/x.mp4' }]) {
      const source = await previewSourceFor({ id: 'r1' }, local, { client });
      expect(source).toMatchObject({ kind: 'remote', origin: 'https://media.test' });
    }
    expect(client.urlsIssued).toBe(2);
  });

  it('refuses a recording whose video is not ready', async () => {
    const client = fakeClient({ recordings: { r1: { videoStatus: 'processing' } } });
    await expect(previewSourceFor({ id: 'r1' }, { kind: 'not_downloaded' }, { client })).rejects.toMatchObject({ kind: 'not_ready' });
  });
});

describe('presignedExpiry', () => {
  it('reads S3 v2 and v4 query expiry', () => {
    expect(presignedExpiry('https://b.s3.amazonaws.com/v.mp4?AWSAccessKeyId=A&Expires=1741100000&Signature=x')).toBe(1_741_100_000_000);
    expect(presignedExpiry('https://b.s3.amazonaws.com/v.mp4?X-Amz-Date=20250304T090000Z&X-Amz-Expires=21600')).toBe(Date.UTC(2025, 2, 4, 15, 0, 0));
    expect(presignedExpiry('https://b.s3.amazonaws.com/v.mp4')).toBeNull();
  });
});
