// The committed icons in resources/: every tray state × variant exists with the right size and
// format, template images are black + alpha, states differ by shape, and the files are current.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  TRAY_ICON_BASES,
  TRAY_ICON_IDS,
  TRAY_ICON_SUFFIXES,
  encodePng,
  iconOutputs,
  renderAppIcon,
  renderTrayIcon,
  type TrayIconId,
} from '../../../scripts/make-icons';
import { decodeRgba, readChunks, readHeader } from './png-reader';

const RESOURCES = fileURLToPath(new URL('../../../resources/', import.meta.url));

// The ids the tray model emits (agreed with the tray-model engineer); spelled out, not derived.
const AGREED_BASES = [
  'not-recording',
  'recording',
  'paused',
  'switching-recording',
  'switching-paused',
  'switching-not-recording',
  'ended',
  'error',
];

interface Variant {
  label: string;
  file: (id: string) => string;
  size: number;
  template: boolean;
  scale: 1 | 2;
}

const VARIANTS: Variant[] = [
  { label: '1x', file: (id) => `tray/${id}.png`, size: 16, template: false, scale: 1 },
  { label: '2x', file: (id) => `tray/${id}@2x.png`, size: 32, template: false, scale: 2 },
  { label: 'mac template 1x', file: (id) => `tray/mac/${id}Template.png`, size: 16, template: true, scale: 1 },
  { label: 'mac template 2x', file: (id) => `tray/mac/${id}Template@2x.png`, size: 32, template: true, scale: 2 },
];

const ALL_IDS = AGREED_BASES.flatMap((base) => [base, `${base}-sandbox`]);

function load(relative: string): Buffer {
  return readFileSync(path.join(RESOURCES, ...relative.split('/')));
}

function alphaDistance(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 3; i < a.length; i += 4) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / 255;
}

function hasPixel(img: { data: Uint8Array }, test: (r: number, g: number, b: number, a: number) => boolean): boolean {
  for (let i = 0; i < img.data.length; i += 4) {
    if (test(img.data[i] ?? 0, img.data[i + 1] ?? 0, img.data[i + 2] ?? 0, img.data[i + 3] ?? 0)) return true;
  }
  return false;
}

describe('tray icon ids', () => {
  it('exports exactly the agreed bases and suffixes', () => {
    expect([...TRAY_ICON_BASES]).toEqual(AGREED_BASES);
    expect([...TRAY_ICON_SUFFIXES]).toEqual(['', '-sandbox']);
    expect([...TRAY_ICON_IDS].sort()).toEqual([...ALL_IDS].sort());
  });
});

describe.each(VARIANTS)('tray icons, $label', (variant) => {
  it.each(ALL_IDS)('%s is a valid RGBA PNG of the right size', (id) => {
    const file = load(variant.file(id));
    expect(() => readChunks(file)).not.toThrow();
    expect(readHeader(file)).toEqual({ width: variant.size, height: variant.size, bitDepth: 8, colorType: 6, interlace: 0 });
    const img = decodeRgba(file);
    expect(hasPixel(img, (_r, _g, _b, a) => a === 255)).toBe(true);
    // The icon must leave the panel visible around it.
    expect(hasPixel(img, (_r, _g, _b, a) => a === 0)).toBe(true);
  });

  it('gives every state a different picture', () => {
    const images = ALL_IDS.map((id) => ({ id, img: decodeRgba(load(variant.file(id))) }));
    for (let i = 0; i < images.length; i++) {
      for (let j = i + 1; j < images.length; j++) {
        const a = images[i];
        const b = images[j];
        if (!a || !b) continue;
        expect(Buffer.from(a.img.data).equals(Buffer.from(b.img.data)), `${a.id} vs ${b.id}`).toBe(false);
      }
    }
  });

  it('tells states apart by shape alone (alpha differs on at least 6% of the area)', () => {
    const images = ALL_IDS.map((id) => ({ id, img: decodeRgba(load(variant.file(id))) }));
    const area = variant.size * variant.size;
    for (let i = 0; i < images.length; i++) {
      for (let j = i + 1; j < images.length; j++) {
        const a = images[i];
        const b = images[j];
        if (!a || !b) continue;
        expect(alphaDistance(a.img.data, b.img.data), `${a.id} vs ${b.id}`).toBeGreaterThan(area * 0.06);
      }
    }
  });
});

describe('macOS template icons', () => {
  const templates = VARIANTS.filter((v) => v.template);

  it.each(ALL_IDS)('%s contains only black + alpha', (id) => {
    for (const variant of templates) {
      const img = decodeRgba(load(variant.file(id)));
      expect(hasPixel(img, (r, g, b) => r !== 0 || g !== 0 || b !== 0), variant.label).toBe(false);
    }
  });

  it('are named so Electron marks them as templates and finds the @2x sibling', () => {
    // nativeImage.createFromPath: "*Template.*" => template image; "<name>@2x.<ext>" => 2x rep.
    for (const id of ALL_IDS) {
      expect(existsSync(path.join(RESOURCES, 'tray', 'mac', `${id}Template.png`))).toBe(true);
      expect(existsSync(path.join(RESOURCES, 'tray', 'mac', `${id}Template@2x.png`))).toBe(true);
    }
  });
});

describe('colored tray icons carry the state colour', () => {
  const red = (r: number, g: number, b: number, a: number): boolean => a > 200 && r > 200 && g < 90 && b < 90;
  const amber = (r: number, g: number, b: number, a: number): boolean => a > 200 && r > 220 && g > 140 && g < 190 && b < 80;
  const violet = (r: number, g: number, b: number, a: number): boolean => a > 200 && b > 200 && r > 110 && r < 170 && g < 120;
  const saturated = (r: number, g: number, b: number, a: number): boolean => a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60;

  it.each([1, 2] as const)('at %ix: red recording, amber paused, grey idle/ended, violet only in sandbox', (scale) => {
    const icon = (id: string): { data: Uint8Array } =>
      decodeRgba(load(scale === 1 ? `tray/${id}.png` : `tray/${id}@2x.png`));
    expect(hasPixel(icon('recording'), red)).toBe(true);
    expect(hasPixel(icon('paused'), amber)).toBe(true);
    expect(hasPixel(icon('not-recording'), saturated)).toBe(false);
    expect(hasPixel(icon('ended'), saturated)).toBe(false);
    for (const base of AGREED_BASES) {
      expect(hasPixel(icon(base), violet), base).toBe(false);
      expect(hasPixel(icon(`${base}-sandbox`), violet), `${base}-sandbox`).toBe(true);
    }
  });
});

describe('app icon', () => {
  it.each([
    ['icon.png', 1024],
    ['icon-512.png', 512],
  ] as const)('%s is %i px square, a rounded tile on a transparent margin', (file, size) => {
    const png = load(file);
    expect(readHeader(png)).toMatchObject({ width: size, height: size, bitDepth: 8, colorType: 6 });
    const img = decodeRgba(png);
    const alphaAt = (x: number, y: number): number => img.data[(Math.floor(y) * size + Math.floor(x)) * 4 + 3] ?? -1;
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(size * 0.11, size * 0.11)).toBeLessThan(128); // rounded corner, not a square
    expect(alphaAt(size / 2, size / 2)).toBe(255);
    expect(alphaAt(size * 0.15, size / 2)).toBe(255);
  });
});

describe('generator', () => {
  it('reproduces every committed file pixel for pixel (run `npx tsx scripts/make-icons.ts` if this fails)', () => {
    for (const output of iconOutputs()) {
      const onDisk = decodeRgba(load(output.file));
      const fresh = output.render();
      expect([onDisk.width, onDisk.height], output.file).toEqual([fresh.width, fresh.height]);
      expect(Buffer.from(onDisk.data).equals(Buffer.from(fresh.data)), output.file).toBe(true);
    }
  });

  it('leaves no stale icons: every PNG in resources/tray is one the generator makes', () => {
    const expected = new Set(iconOutputs().map((o) => o.file));
    const onDisk = [
      ...readdirSync(path.join(RESOURCES, 'tray')).filter((f) => f.endsWith('.png')).map((f) => `tray/${f}`),
      ...readdirSync(path.join(RESOURCES, 'tray', 'mac')).filter((f) => f.endsWith('.png')).map((f) => `tray/mac/${f}`),
    ];
    expect(onDisk.filter((f) => !expected.has(f))).toEqual([]);
    expect(onDisk).toHaveLength(ALL_IDS.length * VARIANTS.length);
  });

  it('is deterministic: rendering and encoding twice gives identical bytes', () => {
    const id: TrayIconId = 'switching-recording-sandbox';
    const a = encodePng(renderTrayIcon(id, { scale: 2, template: false }));
    const b = encodePng(renderTrayIcon(id, { scale: 2, template: false }));
    expect(a.equals(b)).toBe(true);
    expect(encodePng(renderAppIcon(64)).equals(encodePng(renderAppIcon(64)))).toBe(true);
  });

  it('encodes PNGs that decode back to the same pixels', () => {
    const img = renderTrayIcon('error-sandbox', { scale: 2, template: false });
    expect(Buffer.from(decodeRgba(encodePng(img)).data).equals(Buffer.from(img.data))).toBe(true);
  });
});
