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

/** Which digits light each segment of a seven-segment digit. */
export const SEGMENT_DIGITS = {
  a: [0, 2, 3, 5, 6, 7, 8, 9],
  b: [0, 1, 2, 3, 4, 7, 8, 9],
  c: [0, 1, 3, 4, 5, 6, 7, 8, 9],
  d: [0, 2, 3, 5, 6, 8, 9],
  e: [0, 2, 6, 8],
  f: [0, 4, 5, 6, 8, 9],
  g: [2, 3, 4, 5, 6, 8, 9],
} as const;

export type SegmentName = keyof typeof SEGMENT_DIGITS;

/** The clock reads H H : M M : S S . tenths; each place's value at media time t (seconds). */
const PLACES = [
  { place: 'hours10', expr: 'mod(floor(t/36000)\\,10)' },
  { place: 'hours', expr: 'mod(floor(t/3600)\\,10)' },
  { place: ':' },
  { place: 'minutes10', expr: 'mod(floor(t/600)\\,6)' },
  { place: 'minutes', expr: 'mod(floor(t/60)\\,10)' },
  { place: ':' },
  { place: 'seconds10', expr: 'mod(floor(t/10)\\,6)' },
  { place: 'seconds', expr: 'mod(floor(t)\\,10)' },
  { place: '.' },
  { place: 'tenths', expr: 'mod(floor(t*10)\\,10)' },
] as const;

export type ClockPlace = Exclude<(typeof PLACES)[number]['place'], ':' | '.'>;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ClockDigit {
  place: ClockPlace;
  /** ffmpeg expression of the digit shown at media time t. */
  expr: string;
  segments: ReadonlyArray<{ name: SegmentName; rect: Rect }>;
}

interface Layout {
  digits: ClockDigit[];
  separators: Rect[];
  sweep: Rect[];
  track: Rect;
}

const SWEEP_SLOTS = 20;

/** Where everything is drawn for a frame size (scaled from a 640x360 design). */
export function clockLayout(format: Pick<VideoFormat, 'width' | 'height'>): Layout {
  const scale = Math.min(format.width / 640, format.height / 360);
  const px = (v: number): number => Math.max(1, Math.round(v * scale));
  const digitW = px(24);
  const digitH = px(44);
  const stroke = px(5);
  const gap = px(10);
  const half = Math.round(digitH / 2);
  const widths = PLACES.map((p) => ('expr' in p ? digitW : stroke));
  const clockW = widths.reduce((sum, w) => sum + w, 0) + gap * (PLACES.length - 1);
  const top = Math.round((format.height - digitH) / 2) - px(20);
  let x = Math.round((format.width - clockW) / 2);
  const digits: ClockDigit[] = [];
  const separators: Rect[] = [];
  PLACES.forEach((p, i) => {
    if (p.place === ':') {
      separators.push({ x, y: top + Math.round(digitH / 4), w: stroke, h: stroke }, { x, y: top + Math.round((3 * digitH) / 4) - stroke, w: stroke, h: stroke });
    } else if (p.place === '.') {
      separators.push({ x, y: top + digitH - stroke, w: stroke, h: stroke });
    } else {
      const at = (dx: number, dy: number, w: number, h: number): Rect => ({ x: x + dx, y: top + dy, w, h });
      digits.push({
        place: p.place,
        expr: p.expr,
        segments: [
          { name: 'a', rect: at(0, 0, digitW, stroke) },
          { name: 'b', rect: at(digitW - stroke, 0, stroke, half) },
          { name: 'c', rect: at(digitW - stroke, half, stroke, digitH - half) },
          { name: 'd', rect: at(0, digitH - stroke, digitW, stroke) },
          { name: 'e', rect: at(0, half, stroke, digitH - half) },
          { name: 'f', rect: at(0, 0, stroke, half) },
          { name: 'g', rect: at(0, half - Math.floor(stroke / 2), digitW, stroke) },
        ],
      });
    }
    x += (widths[i] ?? 0) + gap;
  });
  const slotW = px(16);
  const slotGap = px(6);
  const rowW = SWEEP_SLOTS * slotW + (SWEEP_SLOTS - 1) * slotGap;
  const rowX = Math.round((format.width - rowW) / 2);
  const rowY = top + digitH + px(28);
  const sweep = Array.from({ length: SWEEP_SLOTS }, (_, j) => ({ x: rowX + j * (slotW + slotGap), y: rowY, w: slotW, h: Math.max(1, Math.round(slotW / 2)) }));
  return { digits, separators, sweep, track: { x: rowX, y: rowY + Math.round(slotW / 4) - 1, w: rowW, h: Math.max(1, px(2)) } };
}

function box(r: Rect, color: string, enable?: string): string {
  const base = `drawbox=x=${r.x}:y=${r.y}:w=${r.w}:h=${r.h}:color=${color}:t=fill`;
  return enable === undefined ? base : `${base}:enable='${enable}'`;
}

function overlays(format: VideoFormat): string[] {
  const layout = clockLayout(format);
  const parts = layout.separators.map((r) => box(r, INK));
  for (const digit of layout.digits) {
    for (const { name, rect } of digit.segments) {
      // Bit v of the mask is set when the segment is lit for digit v.
      const mask = SEGMENT_DIGITS[name].reduce<number>((m, v) => m + 2 ** v, 0);
      parts.push(box(rect, INK, `mod(floor(${mask}/pow(2\\,${digit.expr}))\\,2)`));
    }
  }
  parts.push(box(layout.track, '0x457b9d'));
  layout.sweep.forEach((r, j) => parts.push(box(r, ACCENT, `eq(mod(floor(t*10)\\,${SWEEP_SLOTS})\\,${j})`)));
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
    chain.push(box({ x: 0, y: 0, w: format.width, h: format.height }, 'black', enable));
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
