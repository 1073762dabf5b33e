// The video frames of a file as stored (no decoding): each frame's presentation time,
// duration and whether it is a keyframe, from ffmpeg's `framecrc` muxer on a stream copy.
// Cut points snap to these times, and stream copy may only start on these keyframes.
import { ExportError } from './errors';
import { runFfmpeg } from './ffmpeg-process';

export interface VideoFrame {
  /** Presentation time, seconds (the same timeline as ffmpeg's filters and detections). */
  pts: number;
  /** Seconds until the next frame. */
  duration: number;
  key: boolean;
}

export interface FrameIndex {
  /** Stream time base, e.g. 1/15360 → 15360. */
  timescale: number;
  /** In presentation order. */
  frames: VideoFrame[];
  /** Some frame is stored before a frame it is shown after (B-frames): decode order ≠ display order. */
  reordered: boolean;
  /** Some packet is flagged to be discarded (edit lists): the stored and shown frames differ. */
  discarded: boolean;
}

const AV_PKT_FLAG_KEY = 1;
const AV_PKT_FLAG_DISCARD = 4;

export function parseFramecrc(text: string): FrameIndex {
  const tb = /^#tb 0: (\d+)\/(\d+)$/m.exec(text);
  if (!tb) throw new ExportError({ kind: 'input_invalid', message: 'The video stream has no time base (ffmpeg framecrc printed none)' });
  const num = Number(tb[1]);
  const den = Number(tb[2]);
  const packets: Array<{ pts: number; duration: number; key: boolean }> = [];
  let reordered = false;
  let discarded = false;
  let maxPts = -Infinity;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    if (cols[0] !== '0' || cols.length < 6) continue;
    const pts = Number(cols[2]);
    const duration = Number(cols[3]);
    const flagText = cols.find((c) => c.startsWith('F='));
    const flags = flagText === undefined ? AV_PKT_FLAG_KEY : Number.parseInt(flagText.slice(2), 16);
    if (!Number.isFinite(pts)) continue;
    if (flags & AV_PKT_FLAG_DISCARD) {
      discarded = true;
      continue;
    }
    if (pts < maxPts) reordered = true;
    maxPts = Math.max(maxPts, pts);
    packets.push({ pts, duration: Number.isFinite(duration) ? duration : 0, key: (flags & AV_PKT_FLAG_KEY) !== 0 });
  }
  packets.sort((a, b) => a.pts - b.pts);
  const frames = packets.map((p, i) => {
    const next = packets[i + 1];
    const ticks = next !== undefined ? next.pts - p.pts : p.duration;
    return { pts: (p.pts * num) / den, duration: (ticks * num) / den, key: p.key };
  });
  // A stream whose last packet carries no duration still shows its last frame for a typical frame time.
  const last = frames.at(-1);
  const typical = frames.length > 1 ? (frames[frames.length - 2]?.duration ?? 0) : 0;
  if (last !== undefined && last.duration <= 0) last.duration = typical;
  return { timescale: num === 1 ? den : den / num, frames, reordered, discarded };
}

export async function readFrameIndex(ffmpegPath: string, path: string, signal?: AbortSignal): Promise<FrameIndex> {
  const { stdout, stderr } = await runFfmpeg(ffmpegPath, {
    args: ['-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'],
    captureStdout: true,
    captureStderr: true,
    ...(signal && { signal }),
  });
  // A cut-off file keeps its index (faststart puts it first) but not all its data; ffmpeg still exits 0.
  if (/partial file|Invalid data found when processing input/.test(stderr)) {
    throw new ExportError({ kind: 'input_invalid', message: `The recording file is incomplete (was its download interrupted?): ${path}` });
  }
  const index = parseFramecrc(stdout);
  if (index.frames.length === 0) throw new ExportError({ kind: 'input_invalid', message: `The recording's video stream has no frames: ${path}` });
  return index;
}

/** The end of the video: its last frame's time plus that frame's duration. */
export function videoEnd(index: FrameIndex): number {
  const last = index.frames.at(-1);
  return last === undefined ? 0 : last.pts + last.duration;
}

/**
 * Index of the frame boundary nearest to `t` (0..frames.length; frames.length is the end of
 * the video). Boundary i is where frame i starts.
 */
export function nearestBoundary(index: FrameIndex, t: number): number {
  const { frames } = index;
  const end = videoEnd(index);
  if (t >= end) return frames.length;
  let lo = 0;
  let hi = frames.length;
  // First boundary at or after t.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid]?.pts ?? end) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  const after = lo === frames.length ? end : (frames[lo]?.pts ?? end);
  const before = frames[lo - 1]?.pts ?? 0;
  return after - t <= t - before ? lo : lo - 1;
}

/** Time of boundary i. */
export function boundaryTime(index: FrameIndex, i: number): number {
  return i >= index.frames.length ? videoEnd(index) : (index.frames[i]?.pts ?? 0);
}
