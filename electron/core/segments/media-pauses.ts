// Pauses as they are in a downloaded MP4: ranges that are both black and silent (Recall renders
// a paused span as a silent black picture), found with ffmpeg's blackdetect + silencedetect.
import { bundledFfmpegPath } from '../export/ffmpeg-process';
import { spawn } from 'node:child_process';

export interface MediaRange {
  /** Offsets into the file, ms. */
  startMs: number;
  endMs: number;
}

export interface FfmpegRun {
  code: number | null;
  stderr: string;
}

export type FfmpegRunner = (ffmpegPath: string, args: readonly string[], signal?: AbortSignal) => Promise<FfmpegRun>;

export interface DetectOptions {
  /** The registry-shipped ffmpeg (`@ffmpeg-installer/ffmpeg`) unless given. */
  ffmpegPath?: string;
  /** Shorter black+silent stretches are ordinary meeting moments, not pauses. */
  minDurationMs?: number;
  signal?: AbortSignal;
  run?: FfmpegRunner;
}

export class MediaAnalysisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaAnalysisError';
  }
}

const MAX_STDERR = 4 * 1024 * 1024;

export const spawnFfmpeg: FfmpegRunner = (ffmpegPath, args, signal) =>
  new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, [...args], { stdio: ['ignore', 'ignore', 'pipe'], ...(signal && { signal }) });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });

export async function defaultFfmpegPath(): Promise<string> {
  return bundledFfmpegPath();
}

const seconds = (text: string | undefined): number => Math.round(Number(text) * 1000);

function parseDuration(stderr: string): number | null {
  const match = /Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  if (!match) return null;
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
}

/** Black and silent ranges from ffmpeg's log; an unterminated silence runs to the end of the file. */
export function parseDetectOutput(stderr: string): { black: MediaRange[]; silent: MediaRange[]; durationMs: number | null } {
  const durationMs = parseDuration(stderr);
  const black: MediaRange[] = [];
  for (const match of stderr.matchAll(/black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)/g)) {
    black.push({ startMs: seconds(match[1]), endMs: seconds(match[2]) });
  }
  const silent: MediaRange[] = [];
  let open: number | null = null;
  for (const match of stderr.matchAll(/silence_(start|end):\s*(-?[\d.]+)/g)) {
    if (match[1] === 'start') open = Math.max(0, seconds(match[2]));
    else if (open !== null) {
      silent.push({ startMs: open, endMs: seconds(match[2]) });
      open = null;
    }
  }
  if (open !== null && durationMs !== null && durationMs > open) silent.push({ startMs: open, endMs: durationMs });
  return { black, silent, durationMs };
}

/** Where both lists cover the timeline, keeping ranges of at least `minMs`. */
export function intersectRanges(a: readonly MediaRange[], b: readonly MediaRange[], minMs: number): MediaRange[] {
  const out: MediaRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const startMs = Math.max(x.startMs, y.startMs);
      const endMs = Math.min(x.endMs, y.endMs);
      if (endMs - startMs >= minMs) out.push({ startMs, endMs });
    }
  }
  return out.sort((p, q) => p.startMs - q.startMs);
}

export async function detectBlackSilentRanges(filePath: string, opts: DetectOptions = {}): Promise<MediaRange[]> {
  const ffmpegPath = opts.ffmpegPath ?? (await defaultFfmpegPath());
  const run = opts.run ?? spawnFfmpeg;
  const args = [
    '-hide_banner',
    '-nostats',
    '-i',
    filePath,
    '-vf',
    'blackdetect=d=0.5:pix_th=0.10',
    '-af',
    'silencedetect=noise=-50dB:d=0.5',
    '-f',
    'null',
    '-',
  ];
  let result: FfmpegRun;
  try {
    result = await run(ffmpegPath, args, opts.signal);
  } catch (err) {
    throw new MediaAnalysisError(`Could not run ffmpeg to find the paused parts of ${filePath}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (result.code !== 0) {
    const last = result.stderr.trim().split('\n').at(-1) ?? '';
    throw new MediaAnalysisError(`ffmpeg could not read ${filePath}: ${last.slice(0, 200)}`);
  }
  const { black, silent } = parseDetectOutput(result.stderr);
  return intersectRanges(black, silent, opts.minDurationMs ?? 1_000);
}
