// Shared fixtures of the sandbox media tests: a small, quick video format, the two-pause
// timeline, temp directories and file helpers.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaTimeline } from '../../../electron/sandbox/media';
import type { TimeRange } from '../../support/media-probe';

export const SMALL = { width: 320, height: 180, fps: 15 } as const;

/** 13.3 s with a 4 s pause (a fully black chunk inside) and a 1.5 s pause inside one chunk. */
export const TWO_PAUSES: MediaTimeline = {
  durationMs: 13_300,
  pauses: [
    { startMs: 3_000, endMs: 7_000 },
    { startMs: 9_100, endMs: 10_600 },
  ],
};

export async function tempDir(label: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `sandbox-media-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Every file below `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

export function pausesInSeconds(timeline: MediaTimeline): TimeRange[] {
  return timeline.pauses.map((p) => ({ start: p.startMs / 1000, end: p.endMs / 1000 }));
}

/** Asserts each detected range matches the expected one within `tolerance` seconds, and nothing else was detected. */
export function expectRanges(actual: ReadonlyArray<TimeRange>, expected: ReadonlyArray<TimeRange>, tolerance: number): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`expected ${expected.length} ranges, got ${JSON.stringify(actual)}`);
  expected.forEach((want, i) => {
    const got = actual[i];
    if (got === undefined) return;
    if (Math.abs(got.start - want.start) > tolerance || Math.abs(got.end - want.end) > tolerance) {
      problems.push(`range ${i}: expected ${want.start}..${want.end} s, got ${got.start}..${got.end} s`);
    }
  });
  return problems;
}
