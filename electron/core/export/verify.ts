// Checks a finished export before it is reported done: its duration is the recorded time
// (original minus cuts, ± 0.2 s), it has the expected streams, every kept frame is there at the
// time it should land, and the picture decodes cleanly across each join of copied and
// re-encoded parts.
import { runFfmpeg } from './ffmpeg-process';
import { parseMediaInfo } from './media-info';
import { parseFramecrc } from './packet-index';
import { normalizeSpans, type TimeSpan } from './spans';

export const DURATION_TOLERANCE_SEC = 0.2;
/** How far the whole video track may sit from where it started in the original. */
export const START_OFFSET_TOLERANCE_SEC = 0.1;
/** Picture decoded on each side of a join. */
const JOIN_WINDOW_SEC = 0.75;

export interface VerifyExpectation {
  keptDurationSec: number;
  outputFrameTimes: ReadonlyArray<number>;
  hasAudio: boolean;
  /** How far a frame may sit from its expected time. */
  frameToleranceSec: number;
  /** Output times where separately produced parts meet. */
  joinsSec?: ReadonlyArray<number>;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  durationSec: number;
  frames: number;
}

/**
 * Compares frame times with the expectation; returns the problems found (empty when fine).
 * Times are compared from the first frame on: a whole-track offset (a video track that starts
 * a few ms after the sound, say) is allowed up to START_OFFSET_TOLERANCE_SEC.
 */
export function compareFrameTimes(actual: ReadonlyArray<number>, expected: ReadonlyArray<number>, toleranceSec: number): string[] {
  if (actual.length !== expected.length) return [`the video has ${actual.length} frames, expected ${expected.length}`];
  const a0 = actual[0] ?? 0;
  const e0 = expected[0] ?? 0;
  if (!(Math.abs(a0 - e0) <= START_OFFSET_TOLERANCE_SEC)) return [`the video starts at ${a0.toFixed(6)} s, expected ${e0.toFixed(6)} s`];
  for (let i = 0; i < expected.length; i++) {
    const a = (actual[i] ?? NaN) - a0;
    const e = (expected[i] ?? NaN) - e0;
    if (!(Math.abs(a - e) <= toleranceSec)) return [`frame ${i} is at ${(a + a0).toFixed(6)} s, expected ${(e + a0).toFixed(6)} s`];
  }
  return [];
}

export async function verifyOutput(ffmpegPath: string, path: string, expect: VerifyExpectation, signal?: AbortSignal): Promise<VerifyReport> {
  const withSignal = signal ? { signal } : {};
  const problems: string[] = [];
  const { stderr } = await runFfmpeg(ffmpegPath, { args: ['-i', path], allowFailure: true, ...withSignal });
  const info = parseMediaInfo(stderr);
  if (info === null) return { ok: false, problems: ['ffmpeg cannot read the result'], durationSec: NaN, frames: 0 };
  if (!(Math.abs(info.durationSec - expect.keptDurationSec) <= DURATION_TOLERANCE_SEC)) {
    problems.push(`it lasts ${info.durationSec.toFixed(2)} s, expected ${expect.keptDurationSec.toFixed(2)} s ± ${DURATION_TOLERANCE_SEC} s`);
  }
  if (info.video === null) problems.push('it has no video stream');
  if (expect.hasAudio && info.audio === null) problems.push('it has no audio stream');
  let frames = 0;
  if (info.video !== null) {
    const crc = await runFfmpeg(ffmpegPath, { args: ['-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'], captureStdout: true, ...withSignal });
    const index = parseFramecrc(crc.stdout);
    frames = index.frames.length;
    problems.push(...compareFrameTimes(index.frames.map((f) => f.pts), expect.outputFrameTimes, expect.frameToleranceSec));
  }
  if (problems.length === 0 && expect.joinsSec !== undefined && expect.joinsSec.length > 0) {
    const windows: TimeSpan[] = normalizeSpans(expect.joinsSec.map((j) => ({ startSec: Math.max(0, j - JOIN_WINDOW_SEC), endSec: j + JOIN_WINDOW_SEC })));
    for (const w of windows) {
      const decode = await runFfmpeg(ffmpegPath, {
        args: ['-v', 'error', '-ss', w.startSec.toFixed(6), '-t', (w.endSec - w.startSec).toFixed(6), '-i', path, '-map', '0:v:0', '-f', 'null', '-'],
        captureStderr: true,
        ...withSignal,
      });
      const errors = decode.stderr.trim();
      if (errors !== '') {
        problems.push(`the picture does not decode cleanly near ${w.startSec.toFixed(2)} s: ${errors.split('\n')[0] ?? ''}`);
        break;
      }
    }
  }
  return { ok: problems.length === 0, problems, durationSec: info.durationSec, frames };
}
