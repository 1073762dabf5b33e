// Inspects produced media files independently of the product's ffmpeg: container/codec facts
// (Debian's ffprobe, or parsing `ffmpeg -i` when there is none), black and silent time ranges
// (blackdetect/silencedetect), and the MP4's top-level box order (faststart).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SYSTEM_FFPROBE = '/usr/bin/ffprobe';
const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';

function registryFfmpeg(): string {
  const installer: unknown = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg');
  if (typeof installer === 'object' && installer !== null && 'path' in installer && typeof installer.path === 'string') return installer.path;
  throw new Error('@ffmpeg-installer/ffmpeg exports no path');
}

/** The ffmpeg used for analysis: the system one when installed, else the registry build. */
export function analysisFfmpeg(): string {
  return existsSync(SYSTEM_FFMPEG) ? SYSTEM_FFMPEG : registryFfmpeg();
}

export interface ProbeResult {
  formatName: string;
  durationSec: number;
  videoCodec: string | null;
  videoProfile: string | null;
  audioCodec: string | null;
  audioProfile: string | null;
  width: number;
  height: number;
  pixFmt: string | null;
  fps: number | null;
  audioSampleRate: number | null;
  audioChannels: number | null;
}

function ratio(text: string | undefined): number | null {
  if (text === undefined) return null;
  const [num, den] = text.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return null;
  return den === undefined ? num : den === 0 ? null : num / den;
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    profile?: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    r_frame_rate?: string;
    sample_rate?: string;
    channels?: number;
  }>;
}

function isFfprobeJson(value: unknown): value is FfprobeJson {
  return typeof value === 'object' && value !== null;
}

async function probeWithFfprobe(path: string): Promise<ProbeResult> {
  const { stdout } = await run(SYSTEM_FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  const parsed: unknown = JSON.parse(stdout);
  if (!isFfprobeJson(parsed)) throw new Error(`ffprobe printed no JSON object for ${path}`);
  const video = parsed.streams?.find((s) => s.codec_type === 'video');
  const audio = parsed.streams?.find((s) => s.codec_type === 'audio');
  return {
    formatName: parsed.format?.format_name ?? '',
    durationSec: Number(parsed.format?.duration ?? NaN),
    videoCodec: video?.codec_name ?? null,
    videoProfile: video?.profile ?? null,
    audioCodec: audio?.codec_name ?? null,
    audioProfile: audio?.profile ?? null,
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    pixFmt: video?.pix_fmt ?? null,
    fps: ratio(video?.r_frame_rate),
    audioSampleRate: audio?.sample_rate === undefined ? null : Number(audio.sample_rate),
    audioChannels: audio?.channels ?? null,
  };
}

/** Splits at commas outside parentheses: `h264 (High), yuv420p(tv, bt709), 320x180` → 3 parts. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}

function streamParts(text: string, kind: 'Video' | 'Audio'): string[] | null {
  const line = new RegExp(`Stream #\\S+: ${kind}: (.*)`).exec(text)?.[1];
  return line === undefined ? null : topLevelParts(line);
}

/** Parses the stream summary `ffmpeg -i` prints (it exits non-zero because no output is given). */
async function probeWithFfmpeg(path: string): Promise<ProbeResult> {
  const text = await run(analysisFfmpeg(), ['-hide_banner', '-i', path]).then(
    (r) => r.stderr,
    (error: unknown) => (typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : ''),
  );
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(text);
  const video = streamParts(text, 'Video');
  const audio = streamParts(text, 'Audio');
  const size = video?.map((p) => /^(\d+)x(\d+)/.exec(p)).find((m) => m !== null);
  const fps = video?.find((p) => p.endsWith(' fps'));
  const rate = audio?.find((p) => p.endsWith(' Hz'));
  const layout = audio?.[2];
  return {
    formatName: /Input #0, (.+), from/.exec(text)?.[1] ?? '',
    durationSec: duration === null ? NaN : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
    videoCodec: video?.[0]?.split(' ')[0] ?? null,
    videoProfile: /^\w+ \(([^)]+)\)/.exec(video?.[0] ?? '')?.[1] ?? null,
    audioCodec: audio?.[0]?.split(' ')[0] ?? null,
    audioProfile: /^\w+ \(([^)]+)\)/.exec(audio?.[0] ?? '')?.[1] ?? null,
    width: Number(size?.[1] ?? 0),
    height: Number(size?.[2] ?? 0),
    pixFmt: /^\w+/.exec(video?.[1] ?? '')?.[0] ?? null,
    fps: fps === undefined ? null : Number.parseFloat(fps),
    audioSampleRate: rate === undefined ? null : Number.parseInt(rate, 10),
    audioChannels: layout === 'mono' ? 1 : layout === 'stereo' ? 2 : layout === undefined ? null : Number.parseInt(layout, 10),
  };
}

/** Exposed so the fallback parser can be checked against ffprobe where both exist. */
export const probeViaFfmpegOutput = probeWithFfmpeg;

export function probe(path: string): Promise<ProbeResult> {
  return existsSync(SYSTEM_FFPROBE) ? probeWithFfprobe(path) : probeWithFfmpeg(path);
}

export interface TimeRange {
  start: number;
  end: number;
}

export interface BlackAndSilence {
  black: TimeRange[];
  silent: TimeRange[];
}

/** Black (luma below 10%) and silent (below -50 dB) stretches of at least 0.3 s, in seconds. */
export async function detectBlackAndSilence(path: string): Promise<BlackAndSilence> {
  const args = ['-hide_banner', '-nostats', '-i', path, '-vf', 'blackdetect=d=0.3:pix_th=0.1', '-af', 'silencedetect=n=-50dB:d=0.3', '-f', 'null', '-'];
  const { stderr } = await run(analysisFfmpeg(), args, { maxBuffer: 16 * 1024 * 1024 });
  const black = [...stderr.matchAll(/black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)/g)].map((m) => ({ start: Number(m[1]), end: Number(m[2]) }));
  const silent: TimeRange[] = [];
  for (const m of stderr.matchAll(/silence_(start|end): ([\d.]+)/g)) {
    const at = Number(m[2]);
    if (m[1] === 'start') silent.push({ start: at, end: NaN });
    else {
      const open = silent.at(-1);
      if (open !== undefined && Number.isNaN(open.end)) open.end = at;
    }
  }
  // Silence running into the end of the file has no silence_end line.
  const last = silent.at(-1);
  if (last !== undefined && Number.isNaN(last.end)) last.end = (await probe(path)).durationSec;
  return { black, silent };
}

export async function blackRanges(path: string): Promise<TimeRange[]> {
  return (await detectBlackAndSilence(path)).black;
}

export async function silentRanges(path: string): Promise<TimeRange[]> {
  return (await detectBlackAndSilence(path)).silent;
}

/** Top-level MP4 box types in file order, e.g. ['ftyp', 'moov', 'mdat'] for a faststart file. */
export async function mp4TopLevelBoxes(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const boxes: string[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= size) {
      await file.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - offset;
      if (boxSize < 8) throw new Error(`corrupt MP4 box "${type}" at offset ${offset}`);
      boxes.push(type);
      offset += boxSize;
    }
    return boxes;
  } finally {
    await file.close();
  }
}
