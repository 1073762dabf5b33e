// What the sandbox video shows and how it is encoded: an ffmpeg filter graph whose frame at
// media time t is a pure function of t (a seven-segment clock of the elapsed media time and a
// sweeping marker, drawn with drawbox so no font is needed), and the one encoder setting every
// chunk shares so that chunks concatenate into one valid H.264 stream.
import type { FrameRange } from './chunk-plan';

export interface VideoFormat {
  width: number;
  height: number;
  fps: number;
}

/** Bump when the picture or encoder settings change: it is part of the cache key. */
export const PICTURE_VERSION = 1;

const BACKGROUND = '0x1d3557';
const INK = '0xf1faee';
const ACCENT = '0xe63946';
const QP = 26;

// Bit v of a mask is set when the segment is lit for digit v.
const SEGMENT_MASKS = {
  a: [0, 2, 3, 5, 6, 7, 8, 9],
  b: [0, 1, 2, 3, 4, 7, 8, 9],
  c: [0, 1, 3, 4, 5, 6, 7, 8, 9],
  d: [0, 2, 3, 5, 6, 8, 9],
  e: [0, 2, 6, 8],
  f: [0, 4, 5, 6, 8, 9],
  g: [2, 3, 4, 5, 6, 8, 9],
} as const;

// Digit expressions of the media time t (seconds) for H H : M M : S S . tenths.
const CLOCK: ReadonlyArray<string> = [
  'mod(floor(t/36000)\\,10)',
  'mod(floor(t/3600)\\,10)',
  ':',
  'mod(floor(t/600)\\,6)',
  'mod(floor(t/60)\\,10)',
  ':',
  'mod(floor(t/10)\\,6)',
  'mod(floor(t)\\,10)',
  '.',
  'mod(floor(t*10)\\,10)',
];

const SWEEP_SLOTS = 20;

function box(x: number, y: number, w: number, h: number, color: string, enable?: string): string {
  const base = `drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=${color}:t=fill`;
  return enable === undefined ? base : `${base}:enable='${enable}'`;
}

function overlays(format: VideoFormat): string[] {
  const scale = Math.min(format.width / 640, format.height / 360);
  const px = (v: number): number => Math.max(1, Math.round(v * scale));
  const digitW = px(24);
  const digitH = px(44);
  const stroke = px(5);
  const gap = px(10);
  const half = Math.round(digitH / 2);
  const widths = CLOCK.map((item) => (item.length === 1 ? stroke : digitW));
  const clockW = widths.reduce((sum, w) => sum + w, 0) + gap * (CLOCK.length - 1);
  const top = Math.round((format.height - digitH) / 2) - px(20);
  let x = Math.round((format.width - clockW) / 2);
  const parts: string[] = [];
  CLOCK.forEach((item, i) => {
    if (item === ':') {
      parts.push(box(x, top + Math.round(digitH / 4), stroke, stroke, INK), box(x, top + Math.round((3 * digitH) / 4) - stroke, stroke, stroke, INK));
    } else if (item === '.') {
      parts.push(box(x, top + digitH - stroke, stroke, stroke, INK));
    } else {
      const segments: ReadonlyArray<readonly [ReadonlyArray<number>, number, number, number, number]> = [
        [SEGMENT_MASKS.a, 0, 0, digitW, stroke],
        [SEGMENT_MASKS.b, digitW - stroke, 0, stroke, half],
        [SEGMENT_MASKS.c, digitW - stroke, half, stroke, digitH - half],
        [SEGMENT_MASKS.d, 0, digitH - stroke, digitW, stroke],
        [SEGMENT_MASKS.e, 0, half, stroke, digitH - half],
        [SEGMENT_MASKS.f, 0, 0, stroke, half],
        [SEGMENT_MASKS.g, 0, half - Math.floor(stroke / 2), digitW, stroke],
      ];
      for (const [lit, sx, sy, sw, sh] of segments) {
        const mask = lit.reduce((m, v) => m + 2 ** v, 0);
        parts.push(box(x + sx, top + sy, sw, sh, INK, `mod(floor(${mask}/pow(2\\,${item}))\\,2)`));
      }
    }
    x += (widths[i] ?? 0) + gap;
  });
  const slotW = px(16);
  const slotGap = px(6);
  const rowW = SWEEP_SLOTS * slotW + (SWEEP_SLOTS - 1) * slotGap;
  const rowX = Math.round((format.width - rowW) / 2);
  const rowY = top + digitH + px(28);
  parts.push(box(rowX, rowY + Math.round(slotW / 4) - 1, rowW, Math.max(1, px(2)), '0x457b9d'));
  for (let j = 0; j < SWEEP_SLOTS; j++) {
    parts.push(box(rowX + j * (slotW + slotGap), rowY, slotW, Math.max(1, Math.round(slotW / 2)), ACCENT, `eq(mod(floor(t*10)\\,${SWEEP_SLOTS})\\,${j})`));
  }
  return parts;
}

/**
 * Recorded picture from global frame `startFrame` on. `black` (frame ranges local to this
 * output) are blacked out, for chunks that straddle a pause.
 */
export function recordedPictureGraph(format: VideoFormat, startFrame: number, black: ReadonlyArray<FrameRange> = []): string {
  const chain = [`color=c=${BACKGROUND}:s=${format.width}x${format.height}:r=${format.fps}`, `setpts=PTS+${startFrame}`, ...overlays(format)];
  if (black.length > 0) {
    // Frame i is shown at t = i/fps; half-frame margins keep float rounding off the edges.
    const at = (frame: number): string => ((startFrame + frame - 0.5) / format.fps).toFixed(6);
    const enable = black.map((r) => `gte(t\\,${at(r.start)})*lt(t\\,${at(r.end)})`).join('+');
    chain.push(box(0, 0, format.width, format.height, 'black', enable));
  }
  // Back to 0: ffmpeg would otherwise fill the gap before the first timestamp with duplicates.
  chain.push('setpts=PTS-STARTPTS', 'format=yuv420p');
  return `${chain.join(',')}[v]`;
}

export function blackPictureGraph(format: VideoFormat): string {
  return `color=c=black:s=${format.width}x${format.height}:r=${format.fps},format=yuv420p[v]`;
}

/**
 * Identical for every chunk: the same SPS/PPS, an IDR at every chunk start (closed GOP, no
 * B-frames), raw Annex B output so that chunks concatenate byte-wise. One encoder thread: the
 * renderer runs one process per core instead (less overhead), and the bytes do not depend on the
 * machine's core count.
 */
export function videoEncoderArgs(chunkFrames: number): string[] {
  return [
    '-c:v', 'libx264',
    '-threads', '1',
    '-preset', 'ultrafast',
    '-qp', String(QP),
    '-x264-params', `keyint=${chunkFrames}:min-keyint=${chunkFrames}:scenecut=0:bframes=0:ref=1`,
    '-pix_fmt', 'yuv420p',
    '-color_range', 'tv',
    '-colorspace', 'bt709',
    '-color_primaries', 'bt709',
    '-color_trc', 'bt709',
    '-f', 'h264',
  ];
}
