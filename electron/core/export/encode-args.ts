// Encoder settings and trim filter graphs shared by both cut paths. Re-encoded picture uses
// x264 ultrafast (Constrained Baseline: decodable wherever the original's H.264 is, whatever
// its profile) with the original's pixel format and colour signalling; sound is AAC at the
// original's bit rate. Trims are sample/frame exact: atrim cuts on the cut instants, trim cuts
// halfway between frames so float rounding never moves a frame across an edge.
import type { FrameRange } from './cut-plan';
import type { AudioStreamInfo, VideoStreamInfo } from './media-info';
import type { FrameIndex } from './packet-index';
import type { TimeSpan } from './spans';

/** Pixel formats x264 (8-bit) encodes as they are; others take the full re-encode to yuv420p. */
export const COPYABLE_PIX_FMTS = new Set(['yuv420p', 'yuvj420p']);

export function videoEncoderArgs(video: VideoStreamInfo, crf: number): string[] {
  const pixFmt = video.pixFmt !== null && COPYABLE_PIX_FMTS.has(video.pixFmt) ? video.pixFmt : 'yuv420p';
  return [
    '-c:v', 'libx264',
    '-preset', 'ultrafast',
    '-crf', String(crf),
    '-pix_fmt', pixFmt,
    ...(video.colorRange !== null ? ['-color_range', video.colorRange] : []),
    ...(video.colorSpace !== null && /^[\w-]+$/.test(video.colorSpace) ? ['-colorspace', video.colorSpace] : []),
  ];
}

export function audioEncoderArgs(audio: AudioStreamInfo): string[] {
  const kbps = audio.bitrateKbps === null ? 128 : Math.min(320, Math.max(48, Math.ceil(audio.bitrateKbps / 16) * 16));
  return ['-c:a', 'aac', '-b:a', `${kbps}k`];
}

const sec = (t: number): string => t.toFixed(6);

/** `[0:a:0]` trimmed to the kept spans and joined, as `[aout]`; the last span may run to the end. */
export function audioTrimGraph(kept: ReadonlyArray<TimeSpan>, durationSec: number): string {
  const trims = kept.map((span, i) => {
    const end = span.endSec >= durationSec ? '' : `:end=${sec(span.endSec)}`;
    return `[a${i}]atrim=start=${sec(span.startSec)}${end},asetpts=PTS-STARTPTS[at${i}]`;
  });
  if (kept.length === 1) return `[0:a:0]${trims[0]?.replace(/^\[a0\]/, '').replace(/\[at0\]$/, '[aout]') ?? ''}`;
  const split = `[0:a:0]asplit=${kept.length}${kept.map((_, i) => `[a${i}]`).join('')}`;
  const join = `${kept.map((_, i) => `[at${i}]`).join('')}concat=n=${kept.length}:v=0:a=1[aout]`;
  return [split, ...trims, join].join(';');
}

/** Where trim should cut before frame `i`: halfway from the frame before it. */
export function frameEdge(index: FrameIndex, i: number): number {
  const frame = index.frames[i];
  const before = index.frames[i - 1];
  if (frame === undefined || before === undefined) return frame?.pts ?? 0;
  return (before.pts + frame.pts) / 2;
}

/** `[0:v:0]` trimmed to the kept frame ranges and joined, as `[vout]`. */
export function videoTrimGraph(index: FrameIndex, kept: ReadonlyArray<FrameRange>): string {
  const n = index.frames.length;
  const trims = kept.map((range, i) => {
    const start = range.from === 0 ? '' : `start=${sec(frameEdge(index, range.from))}`;
    const end = range.to >= n ? '' : `end=${sec(frameEdge(index, range.to))}`;
    const opts = [start, end].filter((o) => o !== '').join(':');
    return `[v${i}]${opts === '' ? 'null' : `trim=${opts}`},setpts=PTS-STARTPTS[vt${i}]`;
  });
  if (kept.length === 1) return `[0:v:0]${trims[0]?.replace(/^\[v0\]/, '').replace(/\[vt0\]$/, '[vout]') ?? ''}`;
  const split = `[0:v:0]split=${kept.length}${kept.map((_, i) => `[v${i}]`).join('')}`;
  const join = `${kept.map((_, i) => `[vt${i}]`).join('')}concat=n=${kept.length}:v=1:a=0[vout]`;
  return [split, ...trims, join].join(';');
}
