// Fixtures of the clean-export tests: real MP4s (the sandbox MediaRenderer, or lavfi through the
// registry ffmpeg), and independent checks of a result with the analysis ffmpeg/ffprobe
// (Debian's when installed): frame-by-frame comparison with the frames that should have been
// kept, and subtitle parsing.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundledFfmpegPath } from '../../../electron/core/export';
import { MediaRenderer, makeTranscript, type MediaTimeline, type TranscriptJson } from '../../../electron/sandbox/media';
import { analysisFfmpeg } from '../../support/media-probe';

const run = promisify(execFile);

export const FORMAT = { width: 320, height: 180, fps: 15 } as const;
export const STARTED_AT_MS = Date.parse('2025-06-02T09:00:00.000Z');

export async function tempDir(label: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `export-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A sandbox recording: the MP4 (black+silent pauses, keyframe every 2 s) and its transcript. */
export async function renderRecording(renderer: MediaRenderer, timeline: MediaTimeline, path: string): Promise<TranscriptJson> {
  await renderer.render(timeline, path);
  return makeTranscript(timeline, { participantName: 'Ada Lovelace', seed: 7, startedAtMs: STARTED_AT_MS });
}

export function newRenderer(cacheDir: string): MediaRenderer {
  return new MediaRenderer({ cacheDir, ...FORMAT });
}

/** Runs the registry ffmpeg (the product's) to make an input the sandbox cannot. */
export async function registryFfmpeg(args: string[]): Promise<void> {
  await run(bundledFfmpegPath(), ['-hide_banner', '-v', 'error', '-y', ...args]);
}

/** Frames [from, to) by index that should survive, as a select expression. */
function selectExpr(kept: ReadonlyArray<readonly [number, number]>): string {
  return kept.map(([from, to]) => `between(n\\,${from}\\,${to - 1})`).join('+');
}

export async function videoFrameCount(path: string): Promise<number> {
  const { stdout } = await run(analysisFfmpeg(), ['-v', 'error', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((l) => /^0,/.test(l)).length;
}

/**
 * Per-frame PSNR (dB; Infinity = identical) of the export against the original's kept frames,
 * decoded independently: frame i of the export must be the i-th kept frame of the original.
 */
export async function psnrAgainstKept(exportPath: string, originalPath: string, kept: ReadonlyArray<readonly [number, number]>, dir: string): Promise<number[]> {
  const stats = join(dir, `psnr-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  const graph = `[1:v]select='${selectExpr(kept)}',setpts=N/${FORMAT.fps}/TB[ref];[0:v]setpts=N/${FORMAT.fps}/TB[out];[out][ref]psnr=stats_file=${stats}`;
  await run(analysisFfmpeg(), ['-v', 'error', '-i', exportPath, '-i', originalPath, '-filter_complex', graph, '-f', 'null', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const text = await readFile(stats, 'utf8');
  return [...text.matchAll(/psnr_avg:(\S+)/g)].map((m) => (m[1] === 'inf' ? Infinity : Number(m[1])));
}

/** Kept frame ranges for pauses on frame boundaries. */
export function keptFrames(durationMs: number, pauses: ReadonlyArray<{ startMs: number; endMs: number }>, fps: number): Array<[number, number]> {
  const frames = Math.round((durationMs / 1000) * fps);
  const kept: Array<[number, number]> = [];
  let cursor = 0;
  for (const p of pauses) {
    const from = Math.round((p.startMs / 1000) * fps);
    if (from > cursor) kept.push([cursor, from]);
    cursor = Math.round((p.endMs / 1000) * fps);
  }
  if (frames > cursor) kept.push([cursor, frames]);
  return kept;
}

/** Where a time of the original lands once the given pauses are cut. */
export function afterCuts(t: number, pauses: ReadonlyArray<{ startMs: number; endMs: number }>): number {
  let removed = 0;
  for (const p of pauses) if (p.endMs / 1000 <= t) removed += (p.endMs - p.startMs) / 1000;
  return t - removed;
}

export interface ParsedCue {
  start: number;
  end: number;
  text: string;
}

function clock(text: string): number {
  const m = /^(\d+):(\d\d):(\d\d)[.,](\d\d\d)$/.exec(text);
  if (!m) throw new Error(`bad subtitle time "${text}"`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** SRT or WebVTT cues (the WEBVTT header and cue numbers skipped, voice tags stripped). */
export function parseSubtitles(text: string): ParsedCue[] {
  return text
    .split(/\n\n+/)
    .map((block) => block.split('\n').filter((l) => l !== ''))
    .filter((lines) => lines.some((l) => l.includes(' --> ')))
    .map((lines) => {
      const at = lines.findIndex((l) => l.includes(' --> '));
      const [start, end] = (lines[at] ?? '').split(' --> ');
      return { start: clock(start ?? ''), end: clock(end ?? ''), text: lines.slice(at + 1).join(' ').replace(/<\/?v[^>]*>/g, '') };
    });
}
