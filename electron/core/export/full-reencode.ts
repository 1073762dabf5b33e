// The simplest correct cut: decode everything, keep the kept frames and samples (trim/atrim),
// join them and encode picture and sound again in one ffmpeg run. Works for any input ffmpeg
// decodes; it is the fallback when the stream-copy path does not apply or fails verification.
import type { CutPlan } from './cut-plan';
import { audioEncoderArgs, audioTrimGraph, videoEncoderArgs, videoTrimGraph } from './encode-args';
import { ExportError } from './errors';
import { runFfmpeg } from './ffmpeg-process';
import type { MediaInfo } from './media-info';
import type { FrameIndex } from './packet-index';

export const FULL_REENCODE_CRF = 20;

export interface FullReencodeJob {
  ffmpegPath: string;
  inputPath: string;
  info: MediaInfo;
  index: FrameIndex;
  plan: CutPlan;
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export async function fullReencode(job: FullReencodeJob): Promise<void> {
  const { info, plan } = job;
  if (info.video === null) throw new ExportError({ kind: 'input_invalid', message: 'The recording has no video stream' });
  // Trimming starts every part at 0; a video track that started late in the original does here too.
  const firstFrame = plan.outputFrameTimes[0] ?? 0;
  const video = videoTrimGraph(job.index, plan.kept);
  const graphs = [firstFrame > 1e-6 ? `${video.replace(/\[vout\]$/, '[vcut]')};[vcut]setpts=PTS+${firstFrame.toFixed(6)}/TB[vout]` : video];
  if (info.audio !== null) graphs.push(audioTrimGraph(plan.keptTime, info.durationSec));
  await runFfmpeg(job.ffmpegPath, {
    args: [
      '-y',
      '-i', job.inputPath,
      '-filter_complex', graphs.join(';'),
      '-map', '[vout]',
      ...(info.audio !== null ? ['-map', '[aout]'] : []),
      ...videoEncoderArgs(info.video, FULL_REENCODE_CRF),
      ...(info.audio !== null ? audioEncoderArgs(info.audio) : []),
      '-vsync', 'passthrough',
      ...(Number.isInteger(job.index.timescale) ? ['-video_track_timescale', String(job.index.timescale)] : []),
      '-max_muxing_queue_size', '4096',
      '-movflags', '+faststart',
      '-f', 'mp4',
      job.outPath,
    ],
    outputDurationSec: plan.keptDurationSec,
    ...(job.onProgress && { onProgress: job.onProgress }),
    ...(job.signal && { signal: job.signal }),
  });
}
