// Text helpers for the tray: durations as the UI shows them, bot names made safe for a tooltip
// or a native menu (control, bidi and zero-width characters stripped, '&' escaped), and
// truncation that never splits a character.

/** `00:12:34` — recorded time while recording (UI.md tooltip). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `02:10`, or `1:02:10` past an hour — the compact form UI.md uses for a paused recording. */
export function formatShort(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/**
 * Control characters (C0, DEL, C1), line/paragraph separators, bidi marks, embeddings, overrides
 * and isolates (a name could otherwise reverse the rest of a tooltip), zero-width space, word
 * joiner and BOM. ZWJ/ZWNJ stay: emoji sequences and some scripts need them.
 */
const UNSAFE = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/gu;

/** Display-safe single line; `fallback` when nothing printable is left. */
export function sanitizeName(name: string | null | undefined, fallback: string): string {
  const clean = (name ?? '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? fallback : clean;
}

/** At most `max` UTF-16 units (what Windows counts), cut on a code point, ending with '…'. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Electron menu labels treat '&' as a mnemonic marker; '&&' shows one '&'. */
export function escapeMenuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}
