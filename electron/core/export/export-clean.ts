// exportClean: a downloaded recording → `<name> (clean).mp4` without its paused spans (black +
// silent in the file AND paused by the user), plus the transcript re-timed to match (JSON, SRT,
// WebVTT). Stream copy where possible, a full re-encode when not; the result is verified
// (duration, every frame in place, clean joins) before it is published under a free name.
import { mkdir, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { planCut, type CutPlan } from './cut-plan';
import { DEFAULT_MIN_PAUSE_SEC, detectWithInfo } from './detect';
import { ExportError, cancelledError, outputError } from './errors';
import { bundledFfmpegPath, runFfmpeg } from './ffmpeg-process';
import { fullReencode } from './full-reencode';
import { probeInput, type MediaInfo } from './media-info';
import { cleanStem, firstFreeNumber, makeWorkDir, publish, removeWorkDir, type OutputKind } from './output-files';
import { readFrameIndex, type FrameIndex } from './packet-index';
import { PhasedProgress } from './progress';
import { DEFAULT_TOLERANCE_SEC, reconcileSpans } from './reconcile';
import { retimeTranscript } from './retime';
import { smartCut, smartCutBlocker } from './smart-cut';
import type { TimeSpan } from './spans';
import { toSrt, toVtt } from './subtitles';
import { parseTranscript, type TranscriptJson } from './transcript';
import { verifyOutput, type VerifyExpectation } from './verify';

export interface ExportCleanOptions {
  inputPath: string;
  /** Default: the input's folder. */
  outputDir?: string;
  /** The export is `<baseName> (clean).mp4`. */
  baseName: string;
  /** The user's pauses on the media timeline (seconds from the start of the file). */
  userPauseSpans: ReadonlyArray<TimeSpan>;
  transcript?: TranscriptJson;
  ffmpegPath?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** See reconcileSpans; default 2 s. */
  toleranceSec?: number;
  /** Shortest black+silent stretch that counts as a pause; default 0.5 s. */
  minPauseSec?: number;
  /** 'auto' (default): stream copy when possible; 'reencode': always the full re-encode. */
  method?: 'auto' | 'reencode';
}

export type ExportMethod = 'stream_copy' | 'reencode' | 'remux';

export interface ExportCleanResult {
  outputPath: string;
  transcriptPaths?: { json: string; srt: string; vtt: string };
  /** What was cut, frame-exact, on the original's timeline. */
  cuts: TimeSpan[];
  keptDurationSec: number;
  verified: true;
  /** remux = nothing to cut, the streams were copied as they are. */
  method: ExportMethod;
  /** Seconds of picture that were re-encoded. */
  reencodedSec: number;
  /** Why the stream-copy path was not (or not successfully) used. */
  fallbackReason?: string;
}

function checkRequest(opts: ExportCleanOptions): TimeSpan[] {
  if (typeof opts.inputPath !== 'string' || opts.inputPath === '') throw new ExportError({ kind: 'invalid_request', message: 'No recording file was given' });
  if (typeof opts.baseName !== 'string' || opts.baseName.trim() === '') throw new ExportError({ kind: 'invalid_request', message: 'The export needs a file name' });
  if (!Array.isArray(opts.userPauseSpans)) throw new ExportError({ kind: 'invalid_request', message: 'The pause spans must be a list' });
  return opts.userPauseSpans.map((span, i) => {
    const { startSec, endSec } = span;
    if (!Number.isFinite(startSec) || !Number.isFinite(endSec) || endSec < startSec) {
      throw new ExportError({ kind: 'invalid_request', message: `Pause ${i + 1} must have finite times with start ≤ end, got ${startSec}..${endSec}` });
    }
    return { startSec: Math.max(0, startSec), endSec: Math.max(0, endSec) };
  });
}

/** Aborts, disk trouble and a missing ffmpeg would fail the fallback just the same. */
function isFinal(err: unknown): boolean {
  return err instanceof ExportError && ['cancelled', 'disk_full', 'disk', 'output_unwritable', 'ffmpeg_missing'].includes(err.kind);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function checkFreeSpace(dir: string, neededBytes: number): Promise<void> {
  let free: number;
  try {
    const stats = await statfs(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return;
  }
  if (free < neededBytes) {
    const mb = (bytes: number): string => `${Math.ceil(bytes / 1e6)} MB`;
    throw new ExportError({ kind: 'disk_full', message: `Disk full: the clean export needs about ${mb(neededBytes)} in ${dir}, ${mb(free)} free`, code: 'ENOSPC' });
  }
}

function frameTolerance(index: FrameIndex, exact: boolean): number {
  if (exact && Number.isInteger(index.timescale) && index.timescale > 0) return 2 / index.timescale + 1e-6;
  const durations = index.frames.map((f) => f.duration).sort((a, b) => a - b);
  return Math.max(0.001, (durations[Math.floor(durations.length / 2)] ?? 0.04) / 2);
}

interface Produced {
  method: ExportMethod;
  reencodedSec: number;
  fallbackReason?: string;
}

async function produce(
  ffmpegPath: string,
  opts: ExportCleanOptions,
  info: MediaInfo,
  index: FrameIndex,
  plan: CutPlan,
  workDir: string,
  tempOut: string,
  progress: PhasedProgress,
): Promise<Produced> {
  const signal = opts.signal;
  const withSignal = signal ? { signal } : {};
  const expectBase = { keptDurationSec: plan.keptDurationSec, outputFrameTimes: plan.outputFrameTimes, hasAudio: info.audio !== null };
  const verify = async (expect: VerifyExpectation, endMark: number): Promise<string | null> => {
    const report = await verifyOutput(ffmpegPath, tempOut, expect, signal);
    progress.phase(endMark)(1);
    return report.ok ? null : report.problems.join('; ');
  };

  if (plan.cuts.length === 0) {
    await runFfmpeg(ffmpegPath, {
      args: ['-y', '-i', opts.inputPath, '-map', '0:v:0', ...(info.audio ? ['-map', '0:a:0'] : []), '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', tempOut],
      outputDurationSec: plan.keptDurationSec,
      onProgress: progress.phase(0.85),
      ...withSignal,
    });
    const problem = await verify({ ...expectBase, frameToleranceSec: frameTolerance(index, true) }, 0.95);
    if (problem !== null) throw new ExportError({ kind: 'verification_failed', message: `The copied recording failed verification: ${problem}` });
    return { method: 'remux', reencodedSec: 0 };
  }

  let fallbackReason = opts.method === 'reencode' ? 'a full re-encode was requested' : smartCutBlocker(info, index);
  if (fallbackReason === null) {
    // Its intermediate files (a copy of the video, the re-encoded heads) go once it is done.
    const smartDir = join(workDir, 'smart');
    try {
      await mkdir(smartDir).catch((err: unknown) => {
        throw outputError(err, workDir);
      });
      const smart = await smartCut({ ffmpegPath, inputPath: opts.inputPath, info, index, plan, workDir: smartDir, outPath: tempOut, onProgress: progress.phase(0.8), ...withSignal });
      await rm(smartDir, { recursive: true, force: true });
      const problem = await verify({ ...expectBase, frameToleranceSec: frameTolerance(index, true), joinsSec: smart.joinsSec }, 0.85);
      if (problem === null) return { method: 'stream_copy', reencodedSec: smart.reencodedSec };
      fallbackReason = `the stream-copy result failed verification: ${problem}`;
    } catch (err) {
      if (isFinal(err) || signal?.aborted) throw err;
      fallbackReason = `the stream-copy cut failed: ${describe(err)}`;
    } finally {
      await rm(smartDir, { recursive: true, force: true });
    }
  }
  await fullReencode({ ffmpegPath, inputPath: opts.inputPath, info, index, plan, outPath: tempOut, onProgress: progress.phase(0.95), ...withSignal });
  const problem = await verify({ ...expectBase, frameToleranceSec: frameTolerance(index, false) }, 0.97);
  if (problem !== null) throw new ExportError({ kind: 'verification_failed', message: `The clean export failed verification: ${problem}` });
  return { method: 'reencode', reencodedSec: plan.keptDurationSec, fallbackReason };
}

async function writeTemp(path: string, text: string, dir: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw outputError(err, dir);
  }
}

export async function exportClean(opts: ExportCleanOptions): Promise<ExportCleanResult> {
  const userSpans = checkRequest(opts);
  const transcript = opts.transcript === undefined ? undefined : parseTranscript(opts.transcript);
  const signal = opts.signal;
  if (signal?.aborted) throw cancelledError();
  const ffmpegPath = opts.ffmpegPath ?? bundledFfmpegPath();
  const progress = new PhasedProgress(opts.onProgress);
  const info = await probeInput(ffmpegPath, opts.inputPath, signal);
  const outputDir = opts.outputDir ?? dirname(opts.inputPath);
  const workDir = await makeWorkDir(outputDir);
  const published: string[] = [];
  try {
    const index = await readFrameIndex(ffmpegPath, opts.inputPath, signal);
    progress.phase(0.03)(1);
    const tolerance = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
    const within = userSpans.map((s) => ({ startSec: s.startSec - tolerance, endSec: s.endSec + tolerance }));
    const detected = await detectWithInfo(ffmpegPath, opts.inputPath, info, {
      within,
      minDurationSec: opts.minPauseSec ?? DEFAULT_MIN_PAUSE_SEC,
      onProgress: progress.phase(0.35),
      ...(signal && { signal }),
    });
    const plan = planCut(index, reconcileSpans(detected, userSpans, { toleranceSec: tolerance }), info.durationSec);
    if (plan.kept.length === 0) throw new ExportError({ kind: 'invalid_request', message: 'The whole recording is paused: nothing would be left in a clean export' });
    const { size } = await stat(opts.inputPath);
    await checkFreeSpace(outputDir, Math.ceil(size * (plan.keptDurationSec / info.durationSec)));

    const tempOut = join(workDir, 'clean.mp4');
    const produced = await produce(ffmpegPath, opts, info, index, plan, workDir, tempOut, progress);

    const stem = cleanStem(opts.baseName);
    const kinds: OutputKind[] = transcript === undefined ? ['video'] : ['video', 'json', 'srt', 'vtt'];
    const temps: Partial<Record<OutputKind, string>> = { video: tempOut };
    if (transcript !== undefined) {
      const retimed = retimeTranscript(transcript, plan.cuts);
      temps.json = join(workDir, 'transcript.json');
      temps.srt = join(workDir, 'transcript.srt');
      temps.vtt = join(workDir, 'transcript.vtt');
      await writeTemp(temps.json, `${JSON.stringify(retimed, null, 2)}\n`, outputDir);
      await writeTemp(temps.srt, toSrt(retimed), outputDir);
      await writeTemp(temps.vtt, toVtt(retimed), outputDir);
    }
    if (signal?.aborted) throw cancelledError();
    const n = await firstFreeNumber(outputDir, stem, kinds);
    const paths: Partial<Record<OutputKind, string>> = {};
    for (const kind of kinds) {
      const temp = temps[kind];
      if (temp === undefined) continue;
      const path = await publish(temp, outputDir, stem, kind, n);
      published.push(path);
      paths[kind] = path;
    }
    progress.finish();
    return {
      outputPath: paths.video ?? '',
      ...(paths.json !== undefined && paths.srt !== undefined && paths.vtt !== undefined && { transcriptPaths: { json: paths.json, srt: paths.srt, vtt: paths.vtt } }),
      cuts: plan.cuts,
      keptDurationSec: plan.keptDurationSec,
      verified: true,
      method: produced.method,
      reencodedSec: produced.reencodedSec,
      ...(produced.fallbackReason !== undefined && { fallbackReason: produced.fallbackReason }),
    };
  } catch (err) {
    await Promise.all(published.map((p) => rm(p, { force: true })));
    if (signal?.aborted) throw cancelledError();
    throw err;
  } finally {
    await removeWorkDir(workDir);
  }
}
