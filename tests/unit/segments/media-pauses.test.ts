import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  MediaAnalysisError,
  defaultFfmpegPath,
  detectBlackSilentRanges,
  intersectRanges,
  parseDetectOutput,
} from '../../../electron/core/segments';

const LOG = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':
  Duration: 00:01:10.50, start: 0.000000, bitrate: 62 kb/s
[silencedetect @ 0x1] silence_start: 9.98
[silencedetect @ 0x1] silence_end: 20.02 | silence_duration: 10.04
[blackdetect @ 0x2] black_start:10 black_end:20 black_duration:10
[silencedetect @ 0x1] silence_start: 30
[silencedetect @ 0x1] silence_end: 30.8 | silence_duration: 0.8
[blackdetect @ 0x2] black_start:40 black_end:45 black_duration:5
[silencedetect @ 0x1] silence_start: 60.5
`;

describe('black+silent detection', () => {
  it('parses ffmpeg output, running an unterminated silence to the end of the file', () => {
    expect(parseDetectOutput(LOG)).toEqual({
      durationMs: 70_500,
      black: [
        { startMs: 10_000, endMs: 20_000 },
        { startMs: 40_000, endMs: 45_000 },
      ],
      silent: [
        { startMs: 9_980, endMs: 20_020 },
        { startMs: 30_000, endMs: 30_800 },
        { startMs: 60_500, endMs: 70_500 },
      ],
    });
  });

  it('keeps only ranges both black and silent, long enough to be a pause', () => {
    const { black, silent } = parseDetectOutput(LOG);
    expect(intersectRanges(black, silent, 1_000)).toEqual([{ startMs: 10_000, endMs: 20_000 }]);
  });

  it('reports an ffmpeg failure as a specific error', async () => {
    const run = async () => ({ code: 1, stderr: 'x.mp4: Invalid data found when processing input\n' });
    await expect(detectBlackSilentRanges('/v/x.mp4', { ffmpegPath: 'ffmpeg', run })).rejects.toThrow(
      new MediaAnalysisError('ffmpeg could not read /v/x.mp4: x.mp4: Invalid data found when processing input'),
    );
  });

  it('finds the paused span of a real MP4 with the bundled ffmpeg', async () => {
    const ffmpeg = await defaultFfmpegPath();
    const dir = await mkdtemp(join(tmpdir(), 'rr-detect-'));
    try {
      const file = join(dir, 'clip.mp4');
      const src = (c: string): string[] => ['-f', 'lavfi', '-i', `color=c=${c}:s=64x48:r=10:d=2,format=yuv420p`];
      await promisify(execFile)(ffmpeg, [
        '-hide_banner', '-loglevel', 'error', '-y',
        ...src('red'), '-f', 'lavfi', '-i', 'sine=f=440:d=2',
        ...src('black'), '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono,atrim=0:2',
        ...src('blue'), '-f', 'lavfi', '-i', 'sine=f=440:d=2',
        '-filter_complex', '[0:v][1:a][2:v][3:a][4:v][5:a]concat=n=3:v=1:a=1[v][a]',
        '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-c:a', 'aac', file,
      ]);
      const ranges = await detectBlackSilentRanges(file, { ffmpegPath: ffmpeg });
      expect(ranges).toHaveLength(1);
      expect(ranges[0]!.startMs).toBeGreaterThanOrEqual(1_900);
      expect(ranges[0]!.startMs).toBeLessThanOrEqual(2_100);
      expect(ranges[0]!.endMs).toBeGreaterThanOrEqual(3_900);
      expect(ranges[0]!.endMs).toBeLessThanOrEqual(4_100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
