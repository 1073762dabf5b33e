// A large stand-in for a recording's MP4: pseudo-random bytes, every MiB distinct (so a resume
// at a wrong offset cannot go unnoticed), described like the sandbox stores media — size,
// S3-style ETag (the MD5 of the body, which the download manager verifies), Last-Modified.
import { createHash, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { StoredFile } from '../../electron/sandbox/recordings';

const BLOCK = 1 << 20;

export async function writeSyntheticFile(path: string, size: number): Promise<StoredFile> {
  const base = randomBytes(BLOCK);
  const md5 = createHash('md5');
  const handle = await open(path, 'w');
  try {
    for (let offset = 0, index = 0; offset < size; offset += BLOCK, index++) {
      const block = Buffer.from(base);
      block.writeUInt32BE(index, 0);
      const piece = block.subarray(0, Math.min(BLOCK, size - offset));
      md5.update(piece);
      await handle.write(piece, 0, piece.length, offset);
    }
  } finally {
    await handle.close();
  }
  const info = await stat(path);
  return { filePath: path, size: info.size, etag: `"${md5.digest('hex')}"`, lastModified: Math.floor(info.mtimeMs / 1000) * 1000, contentType: 'video/mp4' };
}
