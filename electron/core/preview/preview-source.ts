// What the preview player loads: the downloaded file through `recall-media://` when it is on
// disk and intact, else a freshly fetched pre-signed URL (with its origin, so the window's CSP
// can allow exactly that origin for media).
import type { LocalFileState } from '../downloads/local-state';
import { freshMediaSource, type MediaClient } from '../downloads/media-source';
import { mediaUrlFor } from './media-scheme';

export type PreviewSource =
  | { kind: 'local'; url: string; fileName: string }
  | { kind: 'remote'; url: string; origin: string; expiresAt: number | null };

/** Expiry of a pre-signed URL: S3 query auth v2 (`Expires`) or v4 (`X-Amz-Date` + `X-Amz-Expires`). */
export function presignedExpiry(url: string): number | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const expires = params.get('Expires');
  if (expires !== null && /^\d+$/.test(expires)) return Number(expires) * 1000;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
  const ttl = params.get('X-Amz-Expires');
  if (date && ttl !== null && /^\d+$/.test(ttl)) {
    const [, y, mo, d, h, mi, s] = date.map(Number) as [number, number, number, number, number, number, number];
    return Date.UTC(y, mo - 1, d, h, mi, s) + Number(ttl) * 1000;
  }
  return null;
}

export async function previewSourceFor(
  recording: { id: string },
  local: LocalFileState,
  deps: { client: MediaClient; signal?: AbortSignal },
): Promise<PreviewSource> {
  if (local.kind === 'downloaded') return { kind: 'local', url: mediaUrlFor(local.fileName), fileName: local.fileName };
  const source = await freshMediaSource(deps.client, recording.id, deps.signal);
  return { kind: 'remote', url: source.url, origin: new URL(source.url).origin, expiresAt: presignedExpiry(source.url) };
}
