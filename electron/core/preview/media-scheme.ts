// The app's media URL scheme: `recall-media://file/<encodeURIComponent(name)>` names one file
// directly inside the download folder. Parsing is strict and works on the raw string, so no
// URL normalization can turn a hostile URL into a different path.
export const MEDIA_SCHEME = 'recall-media';
const PREFIX = `${MEDIA_SCHEME}://file/`;

export function mediaUrlFor(fileName: string): string {
  return PREFIX + encodeURIComponent(fileName);
}

export type ParsedMediaUrl = { ok: true; name: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** File types the preview serves; everything else in the folder (manifest, .part) is refused. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

export function parseMediaUrl(url: string): ParsedMediaUrl {
  const match = /^recall-media:\/\/file\/([^/?#]*)(?:[?#].*)?$/i.exec(url);
  if (!match) return { ok: false, status: 404, reason: 'not a recall-media file URL' };
  let name: string;
  try {
    name = decodeURIComponent(match[1] ?? '');
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (name === '' || name === '.' || name === '..') return { ok: false, status: 403, reason: 'not a file name' };
  if (/[/\\\0:]/.test(name) || /\p{Cc}/u.test(name)) return { ok: false, status: 403, reason: 'path separators, drive letters or control characters' };
  if (name.startsWith('.')) return { ok: false, status: 403, reason: 'hidden file' };
  if (!(extensionOf(name) in MEDIA_TYPES)) return { ok: false, status: 403, reason: 'not a media file' };
  return { ok: true, name };
}
