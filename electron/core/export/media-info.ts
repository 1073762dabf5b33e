// What the export needs to know about an input file, read from the stream summary `ffmpeg -i`
// prints (the registry build ships no ffprobe): container, duration, the first video and audio
// stream; plus the checks that turn a missing, unreadable or non-MP4 input into a specific error.
import { open } from 'node:fs/promises';
import { ExportError, errnoCode } from './errors';
import { runFfmpeg } from './ffmpeg-process';

export interface VideoStreamInfo {
  codec: string;
  profile: string | null;
  pixFmt: string | null;
  /** 'tv' (limited) or 'pc' (full), when the file says. */
  colorRange: string | null;
  /** e.g. bt709, when the file says. */
  colorSpace: string | null;
  width: number;
  height: number;
  fps: number | null;
}

export interface AudioStreamInfo {
  codec: string;
  sampleRate: number | null;
  channels: number | null;
  bitrateKbps: number | null;
}

export interface MediaInfo {
  formatNames: string[];
  durationSec: number;
  startSec: number;
  video: VideoStreamInfo | null;
  audio: AudioStreamInfo | null;
}

/** Splits at commas outside parentheses: `h264 (High), yuv420p(tv, bt709), 320x180` → 3 parts. */
export function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

function clock(text: string): number | null {
  const m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

const COLOR_RANGES = new Set(['tv', 'pc']);
const FIELD_ORDERS = new Set(['progressive', 'top first', 'bottom first', 'top coded first (swapped)', 'bottom coded first (swapped)']);

function parseVideo(parts: string[]): VideoStreamInfo | null {
  const [codecPart, pixPart] = parts;
  if (codecPart === undefined) return null;
  const codec = codecPart.split(' ')[0] ?? '';
  const profile = /^\w+ \(([^)]+)\)/.exec(codecPart)?.[1] ?? null;
  let pixFmt: string | null = null;
  let colorRange: string | null = null;
  let colorSpace: string | null = null;
  const pix = /^(\w+)(?:\((.*)\))?$/.exec(pixPart ?? '');
  if (pix) {
    pixFmt = pix[1] ?? null;
    for (const token of (pix[2] ?? '').split(',').map((t) => t.trim())) {
      if (COLOR_RANGES.has(token)) colorRange = token;
      else if (token !== '' && !FIELD_ORDERS.has(token)) colorSpace ??= token.split('/')[0] ?? null;
    }
  }
  const size = parts.map((p) => /^(\d+)x(\d+)/.exec(p)).find((m) => m !== null);
  const fps = parts.find((p) => / fps$/.test(p));
  return {
    codec,
    profile,
    pixFmt,
    colorRange,
    colorSpace,
    width: Number(size?.[1] ?? 0),
    height: Number(size?.[2] ?? 0),
    fps: fps === undefined ? null : Number.parseFloat(fps),
  };
}

function parseAudio(parts: string[]): AudioStreamInfo {
  const codec = parts[0]?.split(' ')[0] ?? '';
  const rate = parts.find((p) => / Hz$/.test(p));
  const layout = parts[2];
  const channels = layout === 'mono' ? 1 : layout === 'stereo' ? 2 : layout === undefined ? null : Number.parseInt(layout, 10);
  const bitrate = parts.find((p) => /^\d+ kb\/s/.test(p));
  return {
    codec,
    sampleRate: rate === undefined ? null : Number.parseInt(rate, 10),
    channels: channels !== null && Number.isFinite(channels) ? channels : null,
    bitrateKbps: bitrate === undefined ? null : Number.parseInt(bitrate, 10),
  };
}

/** The summary of input #0, or null when ffmpeg printed none (unreadable input). */
export function parseMediaInfo(stderr: string): MediaInfo | null {
  const input = /Input #0, (.+?), from /.exec(stderr);
  if (!input) return null;
  const duration = /Duration: ([\d:.]+|N\/A)(?:, start: (-?[\d.]+))?/.exec(stderr);
  let video: VideoStreamInfo | null = null;
  let audio: AudioStreamInfo | null = null;
  for (const m of stderr.matchAll(/Stream #0:\d+(?:\[\w+\])?(?:\([^)]*\))?: (Video|Audio): (.*)/g)) {
    const text = m[2] ?? '';
    if (m[1] === 'Video' && video === null && !/\(attached pic\)/.test(text)) video = parseVideo(topLevelParts(text));
    if (m[1] === 'Audio' && audio === null) audio = parseAudio(topLevelParts(text));
  }
  return {
    formatNames: (input[1] ?? '').split(','),
    durationSec: duration?.[1] ? (clock(duration[1]) ?? NaN) : NaN,
    startSec: duration?.[2] ? Number(duration[2]) : 0,
    video,
    audio,
  };
}

const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/** Checks the input exists, is readable and starts like an MP4 before ffmpeg is asked. */
async function checkInputFile(path: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ExportError({ kind: 'input_missing', message: `The recording file does not exist: ${path}`, code, cause: err });
    if (code === 'EISDIR') throw new ExportError({ kind: 'input_invalid', message: `${path} is a folder, not a recording file`, code, cause: err });
    throw new ExportError({ kind: 'input_unreadable', message: `The recording file cannot be read (${code ?? 'error'}): ${path}`, cause: err, ...(code !== undefined && { code }) });
  }
  try {
    const header = Buffer.alloc(12);
    let read: number;
    try {
      ({ bytesRead: read } = await file.read(header, 0, 12, 0));
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EISDIR') throw new ExportError({ kind: 'input_invalid', message: `${path} is a folder, not a recording file`, code, cause: err });
      throw new ExportError({ kind: 'input_unreadable', message: `The recording file cannot be read (${code ?? 'error'}): ${path}`, cause: err, ...(code !== undefined && { code }) });
    }
    if (read === 0) throw new ExportError({ kind: 'input_invalid', message: `The recording file is empty: ${path}` });
    if (read < 8 || !MP4_FIRST_BOXES.has(header.toString('latin1', 4, 8))) {
      throw new ExportError({ kind: 'input_invalid', message: `Not an MP4 file: ${path}` });
    }
  } finally {
    await file.close();
  }
}

/** Reads the input's summary; every way the input can be wrong ends in a specific ExportError. */
export async function probeInput(ffmpegPath: string, path: string, signal?: AbortSignal): Promise<MediaInfo> {
  await checkInputFile(path);
  const { stderr } = await runFfmpeg(ffmpegPath, { args: ['-i', path], allowFailure: true, ...(signal && { signal }) });
  const info = parseMediaInfo(stderr);
  const reason = stderr.trim().split('\n').at(-1) ?? '';
  if (info === null) {
    if (/Permission denied/i.test(stderr)) throw new ExportError({ kind: 'input_unreadable', message: `The recording file cannot be read (permission denied): ${path}` });
    if (/moov atom not found/i.test(stderr)) throw new ExportError({ kind: 'input_invalid', message: `The recording file is incomplete or damaged (it has no MP4 index): ${path}` });
    throw new ExportError({ kind: 'input_invalid', message: `The recording file is damaged or not an MP4 (${reason.replace(/^.*?: /, '')}): ${path}`, stderrTail: stderr.slice(-2_000) });
  }
  if (!info.formatNames.includes('mp4') && !info.formatNames.includes('mov')) {
    throw new ExportError({ kind: 'input_invalid', message: `Not an MP4 file (ffmpeg reads it as ${info.formatNames.join(',')}): ${path}` });
  }
  if (info.video === null) throw new ExportError({ kind: 'input_invalid', message: `The recording has no video stream: ${path}` });
  if (!Number.isFinite(info.durationSec) || info.durationSec <= 0) {
    throw new ExportError({ kind: 'input_invalid', message: `The recording has no readable duration (is the download complete?): ${path}` });
  }
  return info;
}
