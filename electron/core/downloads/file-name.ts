// Download file names: `<bot name> <YYYY-MM-DD HH.mm> <rec id first 8>.mp4`, made safe on every
// OS (no separators, traversal, control or bidi characters, reserved Windows names, trailing
// dots/spaces), NFC, bounded in UTF-8 bytes without splitting a grapheme, plus " (2)" copies.

/** Whole file name budget in UTF-8 bytes (".part" still fits under the usual 255). */
export const MAX_FILE_NAME_BYTES = 200;
/** Kept free for a " (9999)" copy suffix so a renamed copy still fits the budget. */
const COPY_SUFFIX_RESERVE = 8;
export const FALLBACK_NAME = 'Recording';

const FORBIDDEN = /[<>:"/\\|?*]/g;
const CONTROL = /\p{Cc}/gu;
const LINE_SEPARATORS = /[\u2028\u2029]/g;
/** Bidi embeddings/overrides/isolates and invisible characters that can disguise a name. */
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of whole graphemes that fits in `maxBytes` of UTF-8. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Bytes(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

function trimEdges(text: string): string {
  return text.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

/**
 * One safe name component (no extension handling): may return '' when nothing printable is
 * left, so callers pick their own fallback.
 */
export function sanitizeNameComponent(raw: string, maxBytes: number): string {
  let text = raw.replace(LONE_SURROGATE, '\ufffd').normalize('NFC');
  text = text.replace(INVISIBLE, '').replace(LINE_SEPARATORS, ' ').replace(CONTROL, ' ').replace(FORBIDDEN, '_');
  text = trimEdges(text.replace(/\s+/gu, ' '));
  const stem = text.split('.')[0] ?? '';
  if (RESERVED.test(stem.trim())) text = `_${text}`;
  return trimEdges(truncateUtf8(text, maxBytes));
}

/** `YYYY-MM-DD HH.mm` in `timeZone` (default: the machine's), 24-hour clock. */
export function formatMeetingTime(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}.${get('minute')}`;
}

export interface RecordingFileNameInput {
  botName: string | null;
  /** Meeting (recording start) time, epoch ms; omitted from the name when null. */
  startedAt: number | null;
  recordingId: string;
  timeZone?: string;
  extension?: string;
}

export function recordingFileName(input: RecordingFileNameInput): string {
  const extension = input.extension ?? '.mp4';
  const id = input.recordingId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 8) || 'unknown';
  const when = input.startedAt !== null && Number.isFinite(input.startedAt) ? ` ${formatMeetingTime(input.startedAt, input.timeZone)}` : '';
  const tail = `${when} ${id}${extension}`;
  const budget = MAX_FILE_NAME_BYTES - COPY_SUFFIX_RESERVE - utf8Bytes(tail);
  const name = sanitizeNameComponent(input.botName ?? '', budget) || FALLBACK_NAME;
  return `${name}${tail}`;
}

/** `name (n).ext` — the n-th copy of a file name (n ≥ 2). */
export function copyName(fileName: string, n: number): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${stem} (${n})${ext}`;
}

/** `fileName`, or its first copy name for which `taken` is false. */
export async function firstFreeName(fileName: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(fileName))) return fileName;
  for (let n = 2; n < 10_000; n++) {
    const candidate = copyName(fileName, n);
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`No free file name for ${fileName}`);
}
