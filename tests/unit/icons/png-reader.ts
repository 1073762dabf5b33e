// Independent PNG reader for the icon tests: parses chunks, IHDR and (for 8-bit RGBA,
// non-interlaced) the pixels, so the tests do not trust the generator's own encoder.
import { inflateSync } from 'node:zlib';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

export interface PngChunk {
  type: string;
  data: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 255] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Splits a PNG into chunks, verifying the signature, every CRC and the IHDR-first/IEND-last order. */
export function readChunks(file: Buffer): PngChunk[] {
  if (file.length < 8 || !file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < file.length) {
    if (at + 12 > file.length) throw new Error(`truncated chunk at byte ${at}`);
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > file.length) throw new Error(`chunk ${type} overruns the file`);
    if (crc(file.subarray(at + 4, end)) !== file.readUInt32BE(end)) throw new Error(`bad CRC in chunk ${type}`);
    chunks.push({ type, data: file.subarray(at + 8, end) });
    at = end + 4;
  }
  if (chunks[0]?.type !== 'IHDR') throw new Error('first chunk is not IHDR');
  if (chunks.at(-1)?.type !== 'IEND') throw new Error('last chunk is not IEND');
  return chunks;
}

export function readHeader(file: Buffer): PngHeader {
  const ihdr = readChunks(file)[0]?.data;
  if (!ihdr || ihdr.length !== 13) throw new Error('IHDR must be 13 bytes');
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8] ?? -1,
    colorType: ihdr[9] ?? -1,
    interlace: ihdr[12] ?? -1,
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit RGBA non-interlaced PNG into straight RGBA bytes. */
export function decodeRgba(file: Buffer): { width: number; height: number; data: Uint8Array } {
  const header = readHeader(file);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${header.bitDepth}, colour type ${header.colorType}`);
  }
  const idat = Buffer.concat(readChunks(file).filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflateSync(idat);
  const stride = header.width * 4;
  if (raw.length !== (stride + 1) * header.height) throw new Error('image data has the wrong length');
  const out = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= 4 ? (out[y * stride + i - 4] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= 4 ? (out[(y - 1) * stride + i - 4] ?? 0) : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new Error(`unknown filter type ${String(filter)} on row ${y}`);
      }
      out[y * stride + i] = (v + predictor) & 255;
    }
  }
  return { width: header.width, height: header.height, data: out };
}
