// The stream-copy cut: each kept range is copied bit for bit from its first keyframe on; only
// the frames before that keyframe (at most one GOP per join) are re-encoded. The pieces are
// joined by ffmpeg's concat demuxer (which converts H.264 to Annex B with the parameter sets
// in-band at each piece's IDR, so copied and re-encoded parts each decode with their own);
// the sound is cut sample-exactly and re-encoded (cheap), then both are muxed by stream copy.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planPieces, reencodedSeconds, type CutPlan, type Piece } from './cut-plan';
import { COPYABLE_PIX_FMTS, audioEncoderArgs, audioTrimGraph, videoEncoderArgs } from './encode-args';
import { outputError } from './errors';
import { runFfmpeg } from './ffmpeg-process';
import { parseMediaInfo, type AudioStreamInfo, type MediaInfo, type VideoStreamInfo } from './media-info';
import { boundaryTime, parseFramecrc, type FrameIndex } from './packet-index';

/** Re-encoded heads are short: spend bits so the seam does not show. */
export const HEAD_CRF = 17;

export interface SmartCutJob {
  ffmpegPath: string;
  inputPath: string;
  info: MediaInfo;
  index: FrameIndex;
  plan: CutPlan;
  workDir: string;
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface SmartCutResult {
  pieces: Piece[];
  /** Output times where pieces meet (checked by decoding around them). */
  joinsSec: number[];
  reencodedSec: number;
}

/** Why the stream-copy path cannot cut this input, or null when it can. */
export function smartCutBlocker(info: MediaInfo, index: FrameIndex): string | null {
  if (info.video?.codec !== 'h264') return `the video is ${info.video?.codec ?? 'missing'}, not H.264`;
  if (info.video.pixFmt === null || !COPYABLE_PIX_FMTS.has(info.video.pixFmt)) return `the pixel format ${info.video.pixFmt ?? 'unknown'} is not 8-bit 4:2:0`;
  if (index.reordered) return 'the video has B-frames (frames stored out of display order)';
  if (index.discarded) return 'the video has frames hidden by an edit list';
  if (!index.frames[0]?.key) return 'the video does not start with a keyframe';
  return null;
}

const micro = (t: number): string => t.toFixed(6);

function startOffsetArgs(firstFrameSec: number): string[] {
  return firstFrameSec > 1e-6 ? ['-itsoffset', micro(firstFrameSec)] : [];
}
/** Rounded up: the concat demuxer seeks to the keyframe at or before inpoint, so it must not fall short of it. */
const microUp = (t: number): string => (Math.ceil(t * 1e6 - 1e-3) / 1e6).toFixed(6);

/** An ffconcat list; `rawOffset` turns media times into the copied file's own timestamps. */
export function concatList(index: FrameIndex, pieces: ReadonlyArray<Piece>, videoFile: string, headFile: (i: number) => string, rawOffset: number): string {
  const n = index.frames.length;
  const lines = ['ffconcat version 1.0'];
  pieces.forEach((piece, i) => {
    const start = boundaryTime(index, piece.from);
    const end = boundaryTime(index, piece.to);
    if (piece.kind === 'encode') {
      lines.push(`file ${headFile(i)}`, `duration ${micro(end - start)}`);
    } else {
      lines.push(`file ${videoFile}`, `inpoint ${microUp(start + rawOffset)}`);
      if (piece.to < n) lines.push(`outpoint ${micro(end + rawOffset)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** Progress of parts that run side by side, each weighted by its expected cost. */
class PartsProgress {
  private readonly done = new Map<string, number>();
  constructor(
    private readonly weights: Readonly<Record<string, number>>,
    private readonly report?: (fraction: number) => void,
  ) {}
  part(name: string): (fraction: number) => void {
    return (fraction) => {
      this.done.set(name, fraction);
      const total = Object.values(this.weights).reduce((a, b) => a + b, 0) || 1;
      let sum = 0;
      for (const [key, weight] of Object.entries(this.weights)) sum += weight * (this.done.get(key) ?? 0);
      this.report?.(sum / total);
    };
  }
}

interface Context {
  job: SmartCutJob;
  video: VideoStreamInfo;
  pieces: Piece[];
  timescaleArgs: string[];
  progress: PartsProgress;
  signal: AbortSignal;
}

const VIDEO_FILE = 'video.mp4';
const headFile = (i: number): string => `head-${i}.mp4`;

/** The original's video alone (copied) and the re-encoded heads; returns the copy's timestamp offset. */
async function preparePicture(ctx: Context, reencodedSec: number): Promise<number> {
  const { job, signal, timescaleArgs } = ctx;
  const { ffmpegPath, index, workDir } = job;
  // The concat demuxer needs every piece to have the same streams: the video alone, copied.
  const videoPath = join(workDir, VIDEO_FILE);
  await runFfmpeg(ffmpegPath, {
    args: ['-y', '-an', '-i', job.inputPath, '-map', '0:v:0', '-c', 'copy', ...timescaleArgs, '-f', 'mp4', videoPath],
    outputDurationSec: job.info.durationSec,
    onProgress: ctx.progress.part('extract'),
    signal,
  });
  const copied = await runFfmpeg(ffmpegPath, { args: ['-i', videoPath, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'], captureStdout: true, signal });
  const copiedIndex = parseFramecrc(copied.stdout);
  if (copiedIndex.frames.length !== index.frames.length) {
    throw new Error(`the copied video has ${copiedIndex.frames.length} frames, the original ${index.frames.length}`);
  }
  const probe = await runFfmpeg(ffmpegPath, { args: ['-i', videoPath], allowFailure: true, signal });
  const copiedStart = parseMediaInfo(probe.stderr)?.startSec ?? 0;
  const rawOffset = (copiedIndex.frames[0]?.pts ?? 0) + copiedStart - (index.frames[0]?.pts ?? 0);

  const report = ctx.progress.part('heads');
  let encodedSec = 0;
  for (const [i, piece] of ctx.pieces.entries()) {
    if (piece.kind !== 'encode') continue;
    const seconds = boundaryTime(index, piece.to) - boundaryTime(index, piece.from);
    const before = index.frames[piece.from - 1];
    const first = index.frames[piece.from];
    // Accurate input seek: frames before the seek point are decoded but dropped; halfway between
    // two frames keeps float rounding from moving the edge.
    const seek = before !== undefined && first !== undefined ? ['-ss', micro((before.pts + first.pts) / 2)] : [];
    const base = encodedSec;
    await runFfmpeg(ffmpegPath, {
      args: [
        '-y', '-an', ...seek, '-i', job.inputPath,
        '-map', '0:v:0', '-frames:v', String(piece.to - piece.from),
        '-vf', 'setpts=PTS-STARTPTS', '-vsync', 'passthrough',
        ...videoEncoderArgs(ctx.video, HEAD_CRF), ...timescaleArgs,
        '-f', 'mp4', join(workDir, headFile(i)),
      ],
      outputDurationSec: seconds,
      onProgress: (f) => report((base + f * seconds) / reencodedSec),
      signal,
    });
    encodedSec += seconds;
  }
  report(1);
  return rawOffset;
}

async function encodeSound(ctx: Context, audio: AudioStreamInfo, audioPath: string): Promise<void> {
  const { job } = ctx;
  await runFfmpeg(job.ffmpegPath, {
    args: ['-y', '-vn', '-i', job.inputPath, '-filter_complex', audioTrimGraph(job.plan.keptTime, job.info.durationSec), '-map', '[aout]', ...audioEncoderArgs(audio), '-f', 'mp4', audioPath],
    outputDurationSec: job.plan.keptDurationSec,
    onProgress: ctx.progress.part('audio'),
    signal: ctx.signal,
  });
}

export async function smartCut(job: SmartCutJob): Promise<SmartCutResult> {
  const { ffmpegPath, info, index, plan, workDir } = job;
  const video = info.video;
  if (video === null) throw new Error('smartCut needs a video stream');
  const pieces = planPieces(index, plan.kept);
  const reencodedSec = reencodedSeconds(index, pieces);
  // Rough relative costs on two cores: AAC encoding runs ~150x real time, x264 ultrafast heads
  // a few x, copies are file-speed.
  const progress = new PartsProgress(
    { extract: info.durationSec * 0.002, heads: reencodedSec * 0.3, audio: info.audio !== null ? plan.keptDurationSec * 0.006 : 0, mux: plan.keptDurationSec * 0.002 },
    job.onProgress,
  );
  // Picture and sound are prepared side by side; the first failure stops the other.
  const local = new AbortController();
  const signal = job.signal ? AbortSignal.any([job.signal, local.signal]) : local.signal;
  const ctx: Context = { job, video, pieces, progress, signal, timescaleArgs: Number.isInteger(index.timescale) ? ['-video_track_timescale', String(index.timescale)] : [] };
  const audioPath = join(workDir, 'audio.m4a');
  let firstError: unknown = null;
  const fail = (err: unknown): void => {
    firstError ??= err;
    local.abort();
  };
  const sound = info.audio !== null ? encodeSound(ctx, info.audio, audioPath).catch(fail) : Promise.resolve();
  const picture = preparePicture(ctx, reencodedSec).catch((err: unknown) => {
    fail(err);
    return 0;
  });
  const [, rawOffset] = await Promise.all([sound, picture]);
  if (firstError !== null) throw firstError;

  const listPath = join(workDir, 'pieces.ffconcat');
  try {
    await writeFile(listPath, concatList(index, pieces, VIDEO_FILE, headFile, rawOffset));
  } catch (err) {
    throw outputError(err, workDir);
  }
  await runFfmpeg(ffmpegPath, {
    args: [
      // The concat demuxer starts at 0; a video track that started late in the original does here too.
      '-y', ...startOffsetArgs(plan.outputFrameTimes[0] ?? 0), '-f', 'concat', '-i', listPath,
      ...(info.audio !== null ? ['-i', audioPath] : []),
      '-map', '0:v:0', ...(info.audio !== null ? ['-map', '1:a:0'] : []),
      '-c', 'copy', ...ctx.timescaleArgs, '-movflags', '+faststart', '-f', 'mp4', job.outPath,
    ],
    outputDurationSec: plan.keptDurationSec,
    onProgress: progress.part('mux'),
    signal,
  });

  const joinsSec: number[] = [];
  let at = 0;
  for (const piece of pieces.slice(0, -1)) {
    at += boundaryTime(index, piece.to) - boundaryTime(index, piece.from);
    joinsSec.push(at);
  }
  return { pieces, joinsSec, reencodedSec };
}
