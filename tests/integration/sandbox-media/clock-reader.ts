// Reads the seven-segment clock back from a decoded frame, to check that every part of an
// assembled video shows the media time it is played at (chunks in the right order and place).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SEGMENT_DIGITS, clockLayout, type ClockPlace, type VideoFormat } from '../../../electron/sandbox/media/picture';
import { analysisFfmpeg } from '../../support/media-probe';

const run = promisify(execFile);

/** The luma plane of the first frame shown at or after `seconds`. */
export async function lumaAt(path: string, seconds: number, format: VideoFormat): Promise<Buffer> {
  const args = ['-v', 'error', '-ss', seconds.toFixed(4), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'];
  const { stdout } = await run(analysisFfmpeg(), args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (stdout.length !== format.width * format.height) throw new Error(`expected one ${format.width}x${format.height} frame at ${seconds} s, got ${stdout.length} bytes`);
  return stdout;
}

/** Digit per clock place, or null for a place whose lit segments form no digit. */
export function readClock(luma: Buffer, format: VideoFormat): Record<ClockPlace, number | null> {
  const reading: Partial<Record<ClockPlace, number | null>> = {};
  for (const digit of clockLayout(format).digits) {
    const lit = new Set<string>();
    for (const { name, rect } of digit.segments) {
      let sum = 0;
      let count = 0;
      // The stroke's middle third: clear of compression ringing at its edges.
      for (let y = rect.y + Math.floor(rect.h / 3); y < rect.y + Math.ceil((2 * rect.h) / 3); y++) {
        for (let x = rect.x + Math.floor(rect.w / 3); x < rect.x + Math.ceil((2 * rect.w) / 3); x++) {
          sum += luma[y * format.width + x] ?? 0;
          count++;
        }
      }
      if (count > 0 && sum / count > 128) lit.add(name);
    }
    const value = [...Array(10).keys()].find((v) =>
      Object.entries(SEGMENT_DIGITS).every(([name, digits]) => digits.some((d) => d === v) === lit.has(name)),
    );
    reading[digit.place] = value ?? null;
  }
  return {
    hours10: reading.hours10 ?? null,
    hours: reading.hours ?? null,
    minutes10: reading.minutes10 ?? null,
    minutes: reading.minutes ?? null,
    seconds10: reading.seconds10 ?? null,
    seconds: reading.seconds ?? null,
    tenths: reading.tenths ?? null,
  };
}

/** What the clock must read at media time t. */
export function expectedClock(t: number): Record<ClockPlace, number> {
  return {
    hours10: Math.floor(t / 36_000) % 10,
    hours: Math.floor(t / 3600) % 10,
    minutes10: Math.floor(t / 600) % 6,
    minutes: Math.floor(t / 60) % 10,
    seconds10: Math.floor(t / 10) % 6,
    seconds: Math.floor(t) % 10,
    tenths: Math.floor(t * 10) % 10,
  };
}
