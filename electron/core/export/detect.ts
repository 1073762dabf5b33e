// Finds the paused spans Recall left in a recording: stretches that are black AND silent.
//
// Thresholds (ffmpeg filter options):
//   - silent: silencedetect noise below -50 dB for at least `minDurationSec` (default 0.5 s);
//   - black: blackdetect with pix_th=0.10 (a pixel is black when its luma is within 10 % of the
//     range above black) and pic_th=0.98 (98 % of the pixels black), at least `minDurationSec`,
//     on the picture subsampled to 320 px wide (nearest neighbour);
//   - paused: where both overlap for at least `minDurationSec`. Silence edges are smeared by the
//     AAC frame (21 ms at 48 kHz) and encoder delay while black edges are exact frame times, so
//     an edge of the overlap that lies within EDGE_SNAP_SEC of the black range's edge is moved
//     onto that edge.
// Cost: the audio is scanned whole (fast); the picture only around silent stretches (blackdetect
// on decoded frames is the expensive part), or around `within` spans when the caller narrows it.
import { bundledFfmpegPath, runFfmpeg } from './ffmpeg-process';
import { probeInput, type MediaInfo } from './media-info';
import { normalizeSpans, roundMicro, type TimeSpan } from './spans';

export interface DetectOptions {
  /** Default: the registry-shipped ffmpeg. */
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** Shortest black+silent stretch reported; default 0.5 s. */
  minDurationSec?: number;
  /** blackdetect pix_th; default 0.10. */
  blackPixelThreshold?: number;
  /** blackdetect pic_th; default 0.98. */
  blackPictureRatio?: number;
  /** silencedetect noise level in dB; default -50. */
  silenceThresholdDb?: number;
  /** Only report ranges overlapping these spans (and only decode the picture near them). */
  within?: ReadonlyArray<TimeSpan>;
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_MIN_PAUSE_SEC = 0.5;
export const EDGE_SNAP_SEC = 0.3;
/** Picture decoded on each side of a silent stretch, so black edges near it are seen. */
const WINDOW_PAD_SEC = 1;
/** Above this share of the file, one pass over the whole picture is cheaper than many windows. */
const WHOLE_PASS_SHARE = 0.6;
const SILENCE_PROGRESS_SHARE = 0.15;
/** Pictures wider than this are subsampled (nearest neighbour) before blackdetect. */
const DETECT_WIDTH = 320;

const seconds = (text: string | undefined): number => Number(text);

/** silencedetect's log; a silence still open at the end runs to `endSec`. */
export function parseSilence(stderr: string, endSec: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  let open: number | null = null;
  for (const m of stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    if (m[1] === 'start') open = Math.max(0, seconds(m[2]));
    else if (open !== null) {
      out.push({ startSec: open, endSec: seconds(m[2]) });
      open = null;
    }
  }
  if (open !== null && endSec > open) out.push({ startSec: open, endSec });
  return out;
}

/**
 * blackdetect's log for a window that starts at `offsetSec`. A black stretch still running
 * when the input ends is reported ending at the last frame's time; when that is the end of the
 * file (`runsToSec`), it is extended to it.
 */
export function parseBlack(stderr: string, offsetSec: number, runsToSec: number | null, frameSec: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const m of stderr.matchAll(/black_start:\s*(-?[\d.]+)\s+black_end:\s*(-?[\d.]+)/g)) {
    out.push({ startSec: roundMicro(offsetSec + seconds(m[1])), endSec: roundMicro(offsetSec + seconds(m[2])) });
  }
  const last = out.at(-1);
  if (last !== undefined && runsToSec !== null && runsToSec - last.endSec <= 2.5 * frameSec) last.endSec = runsToSec;
  return out;
}

function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return a.startSec < b.endSec && b.startSec < a.endSec;
}

/** Where black and silent overlap, edges snapped to the (frame-exact) black edges when close. */
export function intersectBlackSilent(black: ReadonlyArray<TimeSpan>, silent: ReadonlyArray<TimeSpan>, minDurationSec: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const b of black) {
    for (const s of silent) {
      let startSec = Math.max(b.startSec, s.startSec);
      let endSec = Math.min(b.endSec, s.endSec);
      if (endSec <= startSec) continue;
      if (startSec - b.startSec <= EDGE_SNAP_SEC) startSec = b.startSec;
      if (b.endSec - endSec <= EDGE_SNAP_SEC) endSec = b.endSec;
      if (endSec - startSec >= minDurationSec) out.push({ startSec, endSec });
    }
  }
  return normalizeSpans(out);
}

function pad(spans: ReadonlyArray<TimeSpan>, by: number, durationSec: number): TimeSpan[] {
  return normalizeSpans(spans.map((s) => ({ startSec: Math.max(0, s.startSec - by), endSec: Math.min(durationSec, s.endSec + by) })));
}

/** The paused ranges of an already probed input (the export calls this with its own probe). */
export async function detectWithInfo(ffmpegPath: string, inputPath: string, info: MediaInfo, opts: DetectOptions = {}): Promise<TimeSpan[]> {
  const min = opts.minDurationSec ?? DEFAULT_MIN_PAUSE_SEC;
  const pixTh = opts.blackPixelThreshold ?? 0.1;
  const picTh = opts.blackPictureRatio ?? 0.98;
  const noise = opts.silenceThresholdDb ?? -50;
  const duration = info.durationSec;
  const signal = opts.signal;
  const report = opts.onProgress;
  const within = opts.within === undefined ? null : normalizeSpans(opts.within);
  if (within !== null && within.length === 0) {
    report?.(1);
    return [];
  }

  let silent: TimeSpan[] = [{ startSec: 0, endSec: duration }];
  if (info.audio !== null) {
    const { stderr } = await runFfmpeg(ffmpegPath, {
      args: ['-i', inputPath, '-map', '0:a:0', '-af', `silencedetect=noise=${noise}dB:d=${min}`, '-f', 'null', '-'],
      captureStderr: true,
      outputDurationSec: duration,
      ...(report && { onProgress: (f: number) => report(f * SILENCE_PROGRESS_SHARE) }),
      ...(signal && { signal }),
    });
    silent = parseSilence(stderr, duration);
  }
  report?.(SILENCE_PROGRESS_SHARE);
  const candidates = silent.filter((s) => s.endSec - s.startSec >= min && (within === null || within.some((w) => overlaps(w, s))));
  let windows = pad(candidates, WINDOW_PAD_SEC, duration);
  const windowTotal = windows.reduce((sum, w) => sum + (w.endSec - w.startSec), 0);
  if (windowTotal > WHOLE_PASS_SHARE * duration) windows = [{ startSec: 0, endSec: duration }];

  const frameSec = 1 / (info.video?.fps ?? 30);
  // Every 4th pixel or so is as good a witness of an all-black picture and cuts the filter's cost.
  const shrink = (info.video?.width ?? 0) > DETECT_WIDTH ? `scale=${DETECT_WIDTH}:-2:flags=neighbor,` : '';
  const black: TimeSpan[] = [];
  const total = windows.reduce((sum, w) => sum + (w.endSec - w.startSec), 0);
  let done = 0;
  for (const w of windows) {
    const length = w.endSec - w.startSec;
    const whole = w.startSec === 0 && w.endSec >= duration;
    const seek = whole ? [] : ['-ss', w.startSec.toFixed(6), '-t', length.toFixed(6)];
    const { stderr } = await runFfmpeg(ffmpegPath, {
      args: [...seek, '-i', inputPath, '-map', '0:v:0', '-vf', `${shrink}blackdetect=d=${min}:pix_th=${pixTh}:pic_th=${picTh}`, '-an', '-f', 'null', '-'],
      captureStderr: true,
      outputDurationSec: length,
      ...(report && { onProgress: (f: number) => report(SILENCE_PROGRESS_SHARE + ((done + f * length) / total) * (1 - SILENCE_PROGRESS_SHARE)) }),
      ...(signal && { signal }),
    });
    black.push(...parseBlack(stderr, whole ? 0 : w.startSec, w.endSec >= duration ? duration : null, frameSec));
    done += length;
  }
  report?.(1);
  const paused = intersectBlackSilent(normalizeSpans(black), silent, min);
  return within === null ? paused : paused.filter((p) => within.some((w) => overlaps(w, p)));
}

/** Black AND silent ranges of at least `minDurationSec` in the file, on its media timeline. */
export async function detectPausedRanges(inputPath: string, opts: DetectOptions = {}): Promise<TimeSpan[]> {
  const ffmpegPath = opts.ffmpegPath ?? bundledFfmpegPath();
  const info = await probeInput(ffmpegPath, inputPath, opts.signal);
  return detectWithInfo(ffmpegPath, inputPath, info, opts);
}
