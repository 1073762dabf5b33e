// Generates every PNG under resources/ (tray state icons, macOS template icons, the app icon)
// from vector shapes: a small signed-distance rasterizer and a minimal PNG encoder, no deps.
// Run `npx tsx scripts/make-icons.ts [--sheet /tmp/icons-sheet.png]`; output is byte-stable.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export const TRAY_ICON_BASES = [
  'not-recording',
  'recording',
  'paused',
  'switching-recording',
  'switching-paused',
  'switching-not-recording',
  'ended',
  'error',
] as const;
export type TrayIconBase = (typeof TRAY_ICON_BASES)[number];

export const TRAY_ICON_SUFFIXES = ['', '-sandbox'] as const;
export type TrayIconSuffix = (typeof TRAY_ICON_SUFFIXES)[number];

export type TrayIconId = `${TrayIconBase}${TrayIconSuffix}`;
export const TRAY_ICON_IDS: readonly TrayIconId[] = TRAY_ICON_BASES.flatMap((base) =>
  TRAY_ICON_SUFFIXES.map((suffix): TrayIconId => `${base}${suffix}`),
);

export type TrayScale = 1 | 2;
export interface TrayIconVariant {
  scale: TrayScale;
  /** macOS template image: black + alpha only, tinted by the OS. */
  template: boolean;
}

/** Straight (non-premultiplied) 8-bit RGBA, row-major. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Shapes: signed distance in design units, negative inside.

type Sdf = (x: number, y: number) => number;
/** Straight RGBA, components 0..1. */
type Rgba = readonly [number, number, number, number];
type Paint = Rgba | ((x: number, y: number) => Rgba);

interface Layer {
  shape: Sdf;
  paint: Paint;
  /** 'erase' knocks the shape out of everything drawn before it (badge gaps, template glyphs). */
  op?: 'over' | 'erase';
  /** Soft edge width in design units (shadows); hard anti-aliased edge when absent. */
  blur?: number;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

function circle(cx: number, cy: number, r: number): Sdf {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** Exact distance to a closed polygon (even-odd inside test). */
function polygon(points: ReadonlyArray<readonly [number, number]>): Sdf {
  return (x, y) => {
    let best = Infinity;
    let sign = 1;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i++) {
      const [xi, yi] = points[i] ?? [0, 0];
      const [xj, yj] = points[j] ?? [0, 0];
      const ex = xj - xi;
      const ey = yj - yi;
      const wx = x - xi;
      const wy = y - yi;
      const t = clamp01((wx * ex + wy * ey) / (ex * ex + ey * ey));
      const bx = wx - ex * t;
      const by = wy - ey * t;
      best = Math.min(best, bx * bx + by * by);
      const c1 = y >= yi;
      const c2 = y < yj;
      const c3 = ex * wy > ey * wx;
      if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
    }
    return sign * Math.sqrt(best);
  };
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax;
  const ey = by - ay;
  const t = clamp01(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey));
  return Math.hypot(x - ax - ex * t, y - ay - ey * t);
}

/** A round-capped stroke of width `w` along a polyline. */
function stroke(points: ReadonlyArray<readonly [number, number]>, w: number): Sdf {
  return (x, y) => {
    let best = Infinity;
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1] ?? [0, 0];
      const [bx, by] = points[i] ?? [0, 0];
      best = Math.min(best, segmentDistance(x, y, ax, ay, bx, by));
    }
    return best - w / 2;
  };
}

type Point = readonly [number, number];
type Cubic = readonly [Point, Point, Point, Point];

function flattenCubics(curves: readonly Cubic[], stepsPerCurve: number): Point[] {
  const out: Point[] = [];
  curves.forEach(([p0, p1, p2, p3], index) => {
    for (let s = index === 0 ? 0 : 1; s <= stepsPerCurve; s++) {
      const t = s / stepsPerCurve;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      out.push([a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]]);
    }
  });
  return out;
}

/** A ring of `count` dashes centred on radius `radius`, dashes `thickness` wide. */
function dashedRing(cx: number, cy: number, radius: number, thickness: number, count: number, duty: number): Sdf {
  const period = (2 * Math.PI) / count;
  const halfDash = (period * duty) / 2;
  // A dash centred at 12 o'clock: the ring looks level, and there it runs along the pixel grid.
  const phase = -Math.PI / 2;
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const r = Math.hypot(dx, dy);
    const theta = Math.atan2(dy, dx) - phase;
    const local = theta - period * Math.round(theta / period);
    const along = (Math.abs(local) - halfDash) * r;
    const across = Math.abs(r - radius) - thickness / 2;
    return along > 0 && across > 0 ? Math.hypot(along, across) : Math.max(along, across);
  };
}

/** A round-capped arc of radius `r` centred on angle `mid` (radians, y down) spanning ±`half`. */
function arc(cx: number, cy: number, r: number, width: number, mid: number, half: number): Sdf {
  const ends: Point[] = [-1, 1].map((side) => [cx + r * Math.cos(mid + side * half), cy + r * Math.sin(mid + side * half)]);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const offset = Math.atan2(dy, dx) - mid;
    const wrapped = Math.abs(Math.atan2(Math.sin(offset), Math.cos(offset)));
    const d =
      wrapped <= half
        ? Math.abs(Math.hypot(dx, dy) - r)
        : Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
    return d - width / 2;
  };
}

/** The shape rotated by `angle` radians (clockwise on screen) about (cx, cy). */
function rotate(shape: Sdf, cx: number, cy: number, angle: number): Sdf {
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  return (x, y) => shape(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos);
}

const grow = (shape: Sdf, by: number): Sdf => (x, y) => shape(x, y) - by;
const annulus = (shape: Sdf, width: number): Sdf => (x, y) => Math.abs(shape(x, y)) - width / 2;
const union = (...shapes: Sdf[]): Sdf => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

// ---------------------------------------------------------------------------------------------
// Colors and paints.

function hex(value: string, alpha = 1): Rgba {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, alpha];
}

function linearGradient(x0: number, y0: number, from: Rgba, x1: number, y1: number, to: Rgba): Paint {
  const ex = x1 - x0;
  const ey = y1 - y0;
  const len2 = ex * ex + ey * ey;
  return (x, y) => {
    const t = clamp01(((x - x0) * ex + (y - y0) * ey) / len2);
    return [
      from[0] + (to[0] - from[0]) * t,
      from[1] + (to[1] - from[1]) * t,
      from[2] + (to[2] - from[2]) * t,
      from[3] + (to[3] - from[3]) * t,
    ];
  };
}

// ---------------------------------------------------------------------------------------------
// Rasterizer: per pixel, per layer coverage; 4×4 supersampling only near an edge.

const SUB = 4;

function coverage(layer: Layer, cx: number, cy: number, unitsPerPixel: number): number {
  const d = layer.shape(cx, cy) / unitsPerPixel;
  if (layer.blur !== undefined) {
    const w = layer.blur / unitsPerPixel;
    const t = clamp01(0.5 - d / w);
    return t * t * (3 - 2 * t);
  }
  // Sub-sample centres lie within 0.53 px of the pixel centre, so beyond 1 px all agree.
  if (d >= 1) return 0;
  if (d <= -1) return 1;
  let sum = 0;
  for (let sy = 0; sy < SUB; sy++) {
    for (let sx = 0; sx < SUB; sx++) {
      const ox = ((sx + 0.5) / SUB - 0.5) * unitsPerPixel;
      const oy = ((sy + 0.5) / SUB - 0.5) * unitsPerPixel;
      const ds = layer.shape(cx + ox, cy + oy) / unitsPerPixel;
      sum += clamp01(0.5 - ds * SUB);
    }
  }
  return sum / (SUB * SUB);
}

function rasterize(size: number, units: number, layers: readonly Layer[]): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const unitsPerPixel = units / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const cx = (px + 0.5) * unitsPerPixel;
      const cy = (py + 0.5) * unitsPerPixel;
      // Premultiplied accumulation, "source over" per layer.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        const cov = coverage(layer, cx, cy, unitsPerPixel);
        if (cov === 0) continue;
        if (layer.op === 'erase') {
          const keep = 1 - cov;
          r *= keep;
          g *= keep;
          b *= keep;
          a *= keep;
          continue;
        }
        const c = typeof layer.paint === 'function' ? layer.paint(cx, cy) : layer.paint;
        const sa = c[3] * cov;
        r = c[0] * sa + r * (1 - sa);
        g = c[1] * sa + g * (1 - sa);
        b = c[2] * sa + b * (1 - sa);
        a = sa + a * (1 - sa);
      }
      const o = (py * size + px) * 4;
      const a8 = Math.round(a * 255);
      if (a8 === 0) continue;
      data[o] = Math.round(clamp01(r / a) * 255);
      data[o + 1] = Math.round(clamp01(g / a) * 255);
      data[o + 2] = Math.round(clamp01(b / a) * 255);
      data[o + 3] = a8;
    }
  }
  return { width: size, height: size, data };
}

// ---------------------------------------------------------------------------------------------
// Tray icons: 16×16 design grid, rendered at 16 px (1x) and 32 px (2x).

const TRAY_UNITS = 16;
// Ring centre line and stroke: its edges fall on pixel boundaries at 1x and 2x.
const RING_RADIUS = 6;
const RING_WIDTH = 2;

const COLORS = {
  red: hex('#E8382F'),
  amber: hex('#F5A623'),
  grey: hex('#8E949C'),
  orange: hex('#F2612A'),
  violet: hex('#8B5CF6'),
  white: hex('#FFFFFF'),
  // A thin dark rim gives light panels an edge; on dark panels it disappears harmlessly.
  rim: hex('#000000', 0.35),
} as const;
const BLACK = hex('#000000');

function splitId(id: TrayIconId): { base: TrayIconBase; sandbox: boolean } {
  const sandbox = id.endsWith('-sandbox');
  const stem = sandbox ? id.slice(0, -'-sandbox'.length) : id;
  const base = TRAY_ICON_BASES.find((b) => b === stem);
  if (base === undefined) throw new Error(`unknown tray icon id: ${id}`);
  return { base, sandbox };
}

function trayLayers(id: TrayIconId, variant: TrayIconVariant): Layer[] {
  const { base, sandbox } = splitId(id);
  const { scale, template } = variant;
  const pixel = 1 / scale;
  const color = (c: Rgba, dim = 1): Rgba => (template ? [0, 0, 0, c[3] * dim] : [c[0], c[1], c[2], c[3] * dim]);
  const layers: Layer[] = [];
  const draw = (shape: Sdf, paint: Rgba, rim = true): void => {
    if (rim && !template) layers.push({ shape: grow(shape, pixel), paint: COLORS.rim });
    layers.push({ shape, paint });
  };

  const ring = annulus(circle(8, 8, RING_RADIUS), RING_WIDTH);
  const dashes = dashedRing(8, 8, RING_RADIUS, RING_WIDTH, 6, 0.6);
  const bars = [roundRect(2, 2, 6, 14, 0.9), roundRect(10, 2, 14, 14, 0.9)] as const;

  switch (base) {
    case 'recording':
      draw(circle(8, 8, 6.5), color(COLORS.red));
      break;
    case 'paused':
      for (const bar of bars) draw(bar, color(COLORS.amber));
      break;
    case 'not-recording':
      draw(ring, color(COLORS.grey));
      break;
    case 'switching-recording':
      // Target = the red dot, shown pending: dimmed fill inside a dashed rim.
      draw(circle(8, 8, RING_RADIUS - RING_WIDTH / 2), color(COLORS.red, 0.4), false);
      draw(dashes, color(COLORS.red), false);
      break;
    case 'switching-paused':
      // Target = the bars, shown pending: outlined, with a faint fill.
      for (const bar of bars) {
        const edge = pixel * (scale === 1 ? 1 : 1.5);
        draw(bar, color(COLORS.amber, 0.3), false);
        draw(annulus(grow(bar, -edge / 2), edge), color(COLORS.amber), false);
      }
      break;
    case 'switching-not-recording':
      draw(dashes, color(COLORS.grey), false);
      break;
    case 'ended':
      draw(roundRect(3, 3, 13, 13, 1.5), color(COLORS.grey));
      break;
    case 'error': {
      const triangle = grow(polygon([[8, 2], [14.5, 13], [1.5, 13]]), 1);
      draw(triangle, color(COLORS.orange));
      const mark = union(roundRect(7, 5, 9, 10, 0.6), roundRect(7, 11, 9, 13, 0.8));
      if (template) layers.push({ shape: mark, paint: BLACK, op: 'erase' });
      else layers.push({ shape: mark, paint: COLORS.white });
      break;
    }
  }

  if (sandbox) layers.push(...sandboxBadge(variant));
  return layers;
}

/**
 * Sandbox mark in the bottom-right corner, cut free of the state shape by a 1 px gap:
 * at 16 px a violet corner triangle (it spares most of the state shape), at 32 px a badge with an "S".
 */
function sandboxBadge({ scale, template }: TrayIconVariant): Layer[] {
  const pixel = 1 / scale;
  const box = scale === 1 ? grow(polygon([[16.5, 8.5], [16.5, 16.5], [8.5, 16.5]]), 0.5) : roundRect(9.5, 9.5, 16, 16, 1.5);
  const layers: Layer[] = [
    { shape: grow(box, pixel), paint: BLACK, op: 'erase' },
    { shape: box, paint: template ? BLACK : COLORS.violet },
  ];
  if (scale === 2) {
    const s = sGlyph(11.3, 10.7, 14.2, 14.8, 0.8);
    layers.push(template ? { shape: s, paint: BLACK, op: 'erase' } : { shape: s, paint: COLORS.white });
  }
  return layers;
}

/** A stroked "S" fitted to the box (x0,y0)-(x1,y1). */
function sGlyph(x0: number, y0: number, x1: number, y1: number, width: number): Sdf {
  const map = ([u, v]: Point): Point => [x0 + u * (x1 - x0), y0 + v * (y1 - y0)];
  const curves: Cubic[] = [
    [[0.95, 0.16], [0.75, -0.05], [0.05, -0.05], [0.05, 0.25]],
    [[0.05, 0.25], [0.05, 0.5], [0.95, 0.45], [0.95, 0.74]],
    [[0.95, 0.74], [0.95, 1.05], [0.22, 1.07], [0.03, 0.84]],
  ];
  const points = flattenCubics(
    curves.map((c) => [map(c[0]), map(c[1]), map(c[2]), map(c[3])] as const),
    12,
  );
  return stroke(points, width);
}

export function renderTrayIcon(id: TrayIconId, variant: TrayIconVariant): RgbaImage {
  return rasterize(TRAY_UNITS * variant.scale, TRAY_UNITS, trayLayers(id, variant));
}

// ---------------------------------------------------------------------------------------------
// App icon: 1024 design grid (macOS grid: 824 px body, 100 px margin for the shadow).

const APP_UNITS = 1024;
// The remote leans right, pointing its signal arcs up and to the right.
const TILT = (12 * Math.PI) / 180;

function appLayers(): Layer[] {
  const body = roundRect(100, 100, 924, 924, 186);
  const tilt = (shape: Sdf): Sdf => rotate(shape, 512, 560, TILT);
  const remote = tilt(roundRect(364, 262, 660, 862, 148));
  const bar = (x: number): Sdf => tilt(roundRect(x, 624, x + 48, 756, 24));
  const wave = (r: number): Sdf => tilt(arc(512, 436, r, 30, -Math.PI / 2, 0.42));
  return [
    { shape: roundRect(100, 116, 924, 940, 186), paint: hex('#0B0820', 0.45), blur: 40 },
    { shape: body, paint: linearGradient(180, 100, hex('#6D5DF5'), 844, 924, hex('#2B1C8F')) },
    // A faint sheen across the top half keeps the flat gradient from looking dull at 512 px+.
    { shape: grow(body, -6), paint: linearGradient(0, 100, hex('#FFFFFF', 0.14), 0, 520, hex('#FFFFFF', 0)) },
    { shape: wave(222), paint: hex('#FFFFFF', 0.7) },
    { shape: wave(282), paint: hex('#FFFFFF', 0.4) },
    { shape: grow(remote, 10), paint: hex('#120B3A', 0.45), blur: 60 },
    { shape: remote, paint: linearGradient(0, 262, hex('#FFFFFF'), 0, 862, hex('#DDE1EE')) },
    { shape: tilt(circle(512, 436, 112)), paint: hex('#E4E7F0') },
    { shape: tilt(circle(512, 436, 95)), paint: linearGradient(432, 350, hex('#FF6657'), 592, 522, hex('#DC1F2F')) },
    { shape: bar(454), paint: hex('#2E2A55') },
    { shape: bar(522), paint: hex('#2E2A55') },
  ];
}


export function renderAppIcon(size: number): RgbaImage {
  return rasterize(size, APP_UNITS, appLayers());
}

// ---------------------------------------------------------------------------------------------
// PNG encoder: RGBA 8-bit, non-interlaced, per-row adaptive filter, zlib from node:zlib.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 255] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function filterRows(img: RgbaImage): Buffer {
  const stride = img.width * 4;
  const out = Buffer.alloc((stride + 1) * img.height);
  const candidate = new Uint8Array(stride);
  const px = (i: number): number => img.data[i] ?? 0;
  for (let y = 0; y < img.height; y++) {
    const row = y * stride;
    const prev = row - stride;
    let bestScore = Infinity;
    for (let type = 0; type <= 4; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? px(row + i - 4) : 0;
        const up = y > 0 ? px(prev + i) : 0;
        const upLeft = y > 0 && i >= 4 ? px(prev + i - 4) : 0;
        const predictor =
          type === 0 ? 0 : type === 1 ? left : type === 2 ? up : type === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
        const v = (px(row + i) - predictor) & 255;
        candidate[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        out[y * (stride + 1)] = type;
        out.set(candidate, y * (stride + 1) + 1);
      }
    }
  }
  return out;
}

export function encodePng(img: RgbaImage): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filterRows(img), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Output list: every file under resources/ this script owns.

export interface IconOutput {
  /** Posix path relative to resources/. */
  readonly file: string;
  render(): RgbaImage;
}

export function trayIconFile(id: TrayIconId, variant: TrayIconVariant): string {
  const at = variant.scale === 2 ? '@2x' : '';
  return variant.template ? `tray/mac/${id}Template${at}.png` : `tray/${id}${at}.png`;
}

export function iconOutputs(): IconOutput[] {
  const outputs: IconOutput[] = [];
  for (const id of TRAY_ICON_IDS) {
    for (const template of [false, true]) {
      for (const scale of [1, 2] as const) {
        const variant = { scale, template };
        outputs.push({ file: trayIconFile(id, variant), render: () => renderTrayIcon(id, variant) });
      }
    }
  }
  outputs.push({ file: 'icon.png', render: () => renderAppIcon(1024) });
  outputs.push({ file: 'icon-512.png', render: () => renderAppIcon(512) });
  return outputs;
}

// ---------------------------------------------------------------------------------------------
// Contact sheet (developer aid, never written into the repo): every tray icon at 1:1 and
// zoomed with nearest-neighbour, on a light and a dark panel, plus the app icon downscaled.

class Canvas {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4);
  }

  fill(x: number, y: number, w: number, h: number, c: Rgba): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.blend(xx, yy, c[0], c[1], c[2], c[3]);
    }
  }

  /** Draws `img` with source-over, each source pixel as a zoom×zoom block; `tint` replaces RGB. */
  draw(img: RgbaImage, x: number, y: number, zoom: number, tint?: Rgba): void {
    for (let sy = 0; sy < img.height; sy++) {
      for (let sx = 0; sx < img.width; sx++) {
        const o = (sy * img.width + sx) * 4;
        const a = (img.data[o + 3] ?? 0) / 255;
        if (a === 0) continue;
        const r = tint ? tint[0] : (img.data[o] ?? 0) / 255;
        const g = tint ? tint[1] : (img.data[o + 1] ?? 0) / 255;
        const b = tint ? tint[2] : (img.data[o + 2] ?? 0) / 255;
        for (let dy = 0; dy < zoom; dy++) {
          for (let dx = 0; dx < zoom; dx++) this.blend(x + sx * zoom + dx, y + sy * zoom + dy, r, g, b, a);
        }
      }
    }
  }

  text(s: string, x: number, y: number, zoom: number, c: Rgba): void {
    let cx = x;
    for (const ch of s.toLowerCase()) {
      const rows = FONT[ch] ?? FONT['?'] ?? [];
      rows.forEach((bits, row) => {
        for (let col = 0; col < 3; col++) {
          if (bits & (4 >> col)) this.fill(cx + col * zoom, y + row * zoom, zoom, zoom, c);
        }
      });
      cx += 4 * zoom;
    }
  }

  private blend(x: number, y: number, r: number, g: number, b: number, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 4;
    const da = (this.data[o + 3] ?? 0) / 255;
    const oa = a + da * (1 - a);
    const mix = (src: number, dst: number): number => (oa === 0 ? 0 : (src * a + (dst / 255) * da * (1 - a)) / oa);
    this.data[o] = Math.round(mix(r, this.data[o] ?? 0) * 255);
    this.data[o + 1] = Math.round(mix(g, this.data[o + 1] ?? 0) * 255);
    this.data[o + 2] = Math.round(mix(b, this.data[o + 2] ?? 0) * 255);
    this.data[o + 3] = Math.round(oa * 255);
  }
}

// 3×5 bitmap glyphs, one number per row (bit 2 = left column), for the sheet's labels.
const FONT: Record<string, readonly number[]> = {
  a: [2, 5, 7, 5, 5], b: [6, 5, 6, 5, 6], c: [3, 4, 4, 4, 3], d: [6, 5, 5, 5, 6], e: [7, 4, 6, 4, 7],
  f: [7, 4, 6, 4, 4], g: [3, 4, 5, 5, 3], h: [5, 5, 7, 5, 5], i: [7, 2, 2, 2, 7], j: [1, 1, 1, 5, 2],
  k: [5, 5, 6, 5, 5], l: [4, 4, 4, 4, 7], m: [5, 7, 7, 5, 5], n: [6, 5, 5, 5, 5], o: [2, 5, 5, 5, 2],
  p: [6, 5, 6, 4, 4], q: [2, 5, 5, 6, 3], r: [6, 5, 6, 5, 5], s: [3, 4, 2, 1, 6], t: [7, 2, 2, 2, 2],
  u: [5, 5, 5, 5, 7], v: [5, 5, 5, 5, 2], w: [5, 5, 7, 7, 5], x: [5, 5, 2, 5, 5], y: [5, 5, 2, 2, 2],
  z: [7, 1, 2, 4, 7], '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [6, 1, 2, 4, 7], '3': [6, 1, 2, 1, 6],
  '4': [5, 5, 7, 1, 1], '5': [7, 4, 6, 1, 6], '6': [3, 4, 7, 5, 7], '7': [7, 1, 2, 2, 2], '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 6], '-': [0, 0, 7, 0, 0], '@': [2, 5, 7, 4, 3], '.': [0, 0, 0, 0, 2], ' ': [0, 0, 0, 0, 0],
  '?': [6, 1, 2, 0, 2], ':': [0, 2, 0, 2, 0], '/': [1, 1, 2, 4, 4],
};

/** Box-filter downscale (premultiplied), the way a dock or taskbar shrinks a large icon. */
function downscale(img: RgbaImage, size: number): RgbaImage {
  const factor = img.width / size;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = Math.floor(y * factor); sy < Math.floor((y + 1) * factor); sy++) {
        for (let sx = Math.floor(x * factor); sx < Math.floor((x + 1) * factor); sx++) {
          const o = (sy * img.width + sx) * 4;
          const sa = (img.data[o + 3] ?? 0) / 255;
          r += (img.data[o] ?? 0) * sa;
          g += (img.data[o + 1] ?? 0) * sa;
          b += (img.data[o + 2] ?? 0) * sa;
          a += sa;
        }
      }
      const o = (y * size + x) * 4;
      if (a === 0) continue;
      data[o] = Math.round(r / a);
      data[o + 1] = Math.round(g / a);
      data[o + 2] = Math.round(b / a);
      data[o + 3] = Math.round((a / (factor * factor)) * 255);
    }
  }
  return { width: size, height: size, data };
}

const PANELS = [
  { name: 'light panel', bg: hex('#EDEDED'), ink: hex('#222222'), templateTint: hex('#000000') },
  { name: 'dark panel', bg: hex('#1E1E1E'), ink: hex('#E0E0E0'), templateTint: hex('#FFFFFF') },
] as const;

export function renderContactSheet(): RgbaImage {
  const zoom = 8;
  const label = 2;
  const labelWidth = 33 * 4 * label;
  const cell = 16 * zoom + 12;
  const panelWidth = 16 + 32 + 24 + cell * 4;
  const rowHeight = cell;
  const header = 40;
  const appHeight = 300;
  const width = labelWidth + PANELS.length * (panelWidth + 16);
  const height = header + rowHeight * TRAY_ICON_IDS.length + appHeight;
  const canvas = new Canvas(width, height);
  canvas.fill(0, 0, width, height, hex('#FFFFFF'));

  PANELS.forEach((panel, p) => {
    const px = labelWidth + p * (panelWidth + 16);
    canvas.fill(px, 0, panelWidth, height, panel.bg);
    canvas.text(`${panel.name}: 1:1  1x  2x  mac1x  mac2x`, px + 6, 12, label, panel.ink);
  });

  TRAY_ICON_IDS.forEach((id, row) => {
    const y = header + row * rowHeight;
    canvas.text(id, 6, y + 60, label, hex('#222222'));
    const color1 = renderTrayIcon(id, { scale: 1, template: false });
    const color2 = renderTrayIcon(id, { scale: 2, template: false });
    const mac1 = renderTrayIcon(id, { scale: 1, template: true });
    const mac2 = renderTrayIcon(id, { scale: 2, template: true });
    PANELS.forEach((panel, p) => {
      const px = labelWidth + p * (panelWidth + 16) + 6;
      canvas.draw(color1, px, y + 24, 1);
      canvas.draw(color2, px + 20, y + 16, 1);
      const zx = px + 16 + 32 + 18;
      canvas.draw(color1, zx, y, zoom);
      canvas.draw(color2, zx + cell, y, zoom / 2);
      canvas.draw(mac1, zx + cell * 2, y, zoom, panel.templateTint);
      canvas.draw(mac2, zx + cell * 3, y, zoom / 2, panel.templateTint);
    });
  });

  const app = renderAppIcon(1024);
  const appY = header + rowHeight * TRAY_ICON_IDS.length + 20;
  canvas.text('app icon 256 128 64 32 16', 6, appY, label, hex('#222222'));
  PANELS.forEach((_panel, p) => {
    let x = labelWidth + p * (panelWidth + 16) + 6;
    for (const size of [256, 128, 64, 32, 16]) {
      canvas.draw(downscale(app, size), x, appY, 1);
      x += size + 16;
    }
  });
  return { width, height, data: canvas.data };
}

// ---------------------------------------------------------------------------------------------
// CLI

function main(argv: readonly string[]): void {
  const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');
  for (const output of iconOutputs()) {
    const target = path.join(resources, ...output.file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, encodePng(output.render()));
  }
  console.log(`wrote ${iconOutputs().length} PNG files under ${resources}`);
  const sheetAt = argv.indexOf('--sheet');
  if (sheetAt >= 0) {
    const sheetPath = argv[sheetAt + 1];
    if (!sheetPath) throw new Error('--sheet needs a file path, e.g. --sheet /tmp/icons-sheet.png');
    writeFileSync(sheetPath, encodePng(renderContactSheet()));
    console.log(`wrote contact sheet ${sheetPath}`);
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main(process.argv.slice(2));
}
