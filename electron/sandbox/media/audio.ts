// The sandbox audio track, assembled without encoding per render: a steady tone whose period
// divides the AAC frame (1024 samples) encodes to one identical AAC frame over and over, and
// digital silence to another. A track is those two frames laid out on the timeline (silent
// where a pause covers the frame's centre), as an ADTS stream that ffmpeg muxes by stream copy.
import type { MediaTimeline } from './timeline';

export const AUDIO_SAMPLE_RATE = 48_000;
export const AAC_FRAME_SAMPLES = 1024;
/** 10 periods per AAC frame at 48 kHz. */
export const TONE_HZ = (10 * AUDIO_SAMPLE_RATE) / AAC_FRAME_SAMPLES;

/** The ADTS frames (header included) of an ADTS byte stream; stops at anything that is not one. */
export function adtsFrames(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let at = 0;
  while (at + 7 <= data.length && data[at] === 0xff && ((data[at + 1] ?? 0) & 0xf0) === 0xf0) {
    const length = (((data[at + 3] ?? 0) & 0x03) << 11) | ((data[at + 4] ?? 0) << 3) | ((data[at + 5] ?? 0) >> 5);
    if (length < 7 || at + length > data.length) break;
    frames.push(data.subarray(at, at + length));
    at += length;
  }
  return frames;
}

/**
 * The frame the encoder settles on for a periodic input: the most common one away from the
 * start and end (encoder warm-up and flush), if it is the majority there.
 */
export function steadyFrame(data: Buffer): Buffer | null {
  const middle = adtsFrames(data).slice(8, -8);
  const counts = new Map<string, { frame: Buffer; count: number }>();
  for (const frame of middle) {
    const key = frame.toString('base64');
    const entry = counts.get(key) ?? { frame, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  return best !== undefined && best.count * 2 > middle.length ? Buffer.from(best.frame) : null;
}

/** The AAC frames needed to cover `seconds`. */
export function audioFrameCount(seconds: number): number {
  return Math.max(1, Math.ceil((seconds * AUDIO_SAMPLE_RATE) / AAC_FRAME_SAMPLES));
}

export function assembleAudio(timeline: MediaTimeline, seconds: number, tone: Buffer, silence: Buffer): Buffer {
  const count = audioFrameCount(seconds);
  const frameSec = AAC_FRAME_SAMPLES / AUDIO_SAMPLE_RATE;
  const parts: Buffer[] = [];
  // A pause that lasts until the recording stopped also covers the padding of the last frame.
  const pauses = timeline.pauses.map((p) => ({ startMs: p.startMs, endMs: p.endMs >= timeline.durationMs ? Infinity : p.endMs }));
  let pause = 0;
  for (let k = 0; k < count; k++) {
    const centreMs = (k + 0.5) * frameSec * 1000;
    while (pause < pauses.length && (pauses[pause]?.endMs ?? 0) <= centreMs) pause++;
    const current = pauses[pause];
    parts.push(current !== undefined && current.startMs <= centreMs ? silence : tone);
  }
  return Buffer.concat(parts);
}
