// Splits a raw H.264 Annex B byte stream into chunks at each sequence parameter set (which the
// encoder repeats before every IDR) and counts the frames in each chunk.

export interface AnnexBChunk {
  data: Buffer;
  frames: number;
}

const NAL_SLICE = 1;
const NAL_IDR = 5;
const NAL_SPS = 7;
const START_CODE = Buffer.from([0, 0, 1]);

export interface NalUnit {
  type: number;
  /** Offset of the byte after the start code (the NAL header). */
  offset: number;
}

/** Every NAL unit in a complete Annex B buffer. */
export function nalUnits(data: Buffer): NalUnit[] {
  const units: NalUnit[] = [];
  let pos = 0;
  for (;;) {
    const at = data.indexOf(START_CODE, pos);
    if (at < 0 || at + 3 >= data.length) return units;
    units.push({ type: (data[at + 3] ?? 0) & 0x1f, offset: at + 3 });
    pos = at + 3;
  }
}

export class AnnexBChunker {
  private pending: Buffer = Buffer.alloc(0);
  private nextScan = 0;
  private frames = 0;

  push(data: Buffer): AnnexBChunk[] {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    return this.scan(false);
  }

  /** The remaining chunks once the stream has ended. */
  end(): AnnexBChunk[] {
    const out = this.scan(true);
    if (this.pending.length > 0) out.push({ data: this.pending, frames: this.frames });
    this.pending = Buffer.alloc(0);
    this.nextScan = 0;
    this.frames = 0;
    return out;
  }

  private scan(final: boolean): AnnexBChunk[] {
    const out: AnnexBChunk[] = [];
    for (;;) {
      const at = this.pending.indexOf(START_CODE, this.nextScan);
      // A frame is counted from its first slice, recognised by first_mb_in_slice == 0 (ue(v) '1').
      const needed = final ? at + 4 : at + 5;
      if (at < 0 || needed > this.pending.length) {
        this.nextScan = at >= 0 ? at : Math.max(this.nextScan, this.pending.length - 2);
        return out;
      }
      const type = (this.pending[at + 3] ?? 0) & 0x1f;
      if (type === NAL_SPS && this.frames > 0) {
        const boundary = at > 0 && this.pending[at - 1] === 0 ? at - 1 : at;
        out.push({ data: this.pending.subarray(0, boundary), frames: this.frames });
        this.pending = this.pending.subarray(boundary);
        this.frames = 0;
        this.nextScan = at - boundary + 3;
        continue;
      }
      if ((type === NAL_SLICE || type === NAL_IDR) && ((this.pending[at + 4] ?? 0) & 0x80) !== 0) this.frames++;
      this.nextScan = at + 3;
    }
  }
}
