// The Annex B splitter that cuts ffmpeg's raw H.264 output into cache chunks: whatever sizes the
// pipe delivers the bytes in, it yields the same chunks (one per SPS) with the right frame counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnnexBChunker, nalUnits } from '../../../electron/sandbox/media/annexb';

const START = [0, 0, 0, 1];

/** A synthetic stream: chunks of SPS, PPS, then `frames` slices (first one IDR), payloads free of start codes. */
function stream(framesPerChunk: ReadonlyArray<number>, payload: number): { data: Buffer; chunks: Buffer[] } {
  const chunks = framesPerChunk.map((frames, c) => {
    const bytes: number[] = [...START, 0x67, 0x42, 0xc0, 0x1f, ...START, 0x68, 0xce, 0x3c, 0x80];
    for (let f = 0; f < frames; f++) {
      // NAL header (IDR 0x65 / P 0x41), then a first byte with first_mb_in_slice == 0 ('1' bit).
      bytes.push(...(f === 0 ? START : [0, 0, 1]), f === 0 ? 0x65 : 0x41, 0x88 | (f & 0x07));
      for (let i = 0; i < payload + ((f * 7 + c) % 13); i++) bytes.push(1 + ((i * 31 + f + c) % 255));
    }
    return Buffer.from(bytes);
  });
  return { data: Buffer.concat(chunks), chunks };
}

describe('AnnexBChunker', () => {
  it('yields one chunk per SPS with its frame count, however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }),
        (frames, payload, pieceSizes) => {
          const { data, chunks } = stream(frames, payload);
          const chunker = new AnnexBChunker();
          const out = [];
          let at = 0;
          for (let i = 0; at < data.length; i++) {
            const size = pieceSizes[i % pieceSizes.length] ?? 1;
            out.push(...chunker.push(data.subarray(at, at + size)));
            at += size;
          }
          out.push(...chunker.end());
          expect(out.map((c) => c.frames)).toEqual(frames);
          expect(out.map((c) => c.data.toString('hex'))).toEqual(chunks.map((c) => c.toString('hex')));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lists NAL unit types in order', () => {
    const { data } = stream([2], 3);
    expect(nalUnits(data).map((u) => u.type)).toEqual([7, 8, 5, 1]);
  });
});
