// Output naming and publishing (never overwrite), the progress value and error mapping.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportError } from '../../../electron/core/export';
import { outputError } from '../../../electron/core/export/errors';
import { cleanStem, firstFreeNumber, makeWorkDir, outputName, publish, removeWorkDir } from '../../../electron/core/export/output-files';
import { PhasedProgress } from '../../../electron/core/export/progress';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-names-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('names', () => {
  it('adds " (clean)" to a safe base name and drops a trailing .mp4', () => {
    expect(cleanStem('Standup 2025-06-01 10.00 ab12cd34')).toBe('Standup 2025-06-01 10.00 ab12cd34 (clean)');
    expect(cleanStem('Weekly.MP4')).toBe('Weekly (clean)');
    expect(cleanStem('a/b:c')).toBe('a_b_c (clean)');
    expect(cleanStem('   ')).toBe('Recording (clean)');
    expect(outputName('X (clean)', 'video')).toBe('X (clean).mp4');
    expect(outputName('X (clean)', 'json', 3)).toBe('X (clean) (3).transcript.json');
    expect(outputName('X (clean)', 'vtt', 2)).toBe('X (clean) (2).vtt');
  });

  it('picks the first number at which every file of the export is free', async () => {
    expect(await firstFreeNumber(dir, 'X (clean)', ['video', 'srt'])).toBe(1);
    await writeFile(join(dir, 'X (clean).srt'), 'old');
    expect(await firstFreeNumber(dir, 'X (clean)', ['video'])).toBe(1);
    expect(await firstFreeNumber(dir, 'X (clean)', ['video', 'srt'])).toBe(2);
  });
});

describe('publish', () => {
  it('never replaces an existing file: the next free name is used and the old file is intact', async () => {
    const work = await makeWorkDir(dir);
    await writeFile(join(dir, 'X (clean).mp4'), 'existing');
    await writeFile(join(work, 'a.mp4'), 'new');
    const path = await publish(join(work, 'a.mp4'), dir, 'X (clean)', 'video', 1);
    expect(path).toBe(join(dir, 'X (clean) (2).mp4'));
    expect(await readFile(join(dir, 'X (clean).mp4'), 'utf8')).toBe('existing');
    expect(await readFile(path, 'utf8')).toBe('new');
    await removeWorkDir(work);
    expect((await readdir(dir)).sort()).toEqual(['X (clean) (2).mp4', 'X (clean).mp4']);
  });

  it('a missing output folder is a specific error', async () => {
    await expect(makeWorkDir(join(dir, 'nope'))).rejects.toMatchObject({ kind: 'output_unwritable', message: expect.stringContaining('does not exist') });
  });
});

describe('errors', () => {
  it('maps file-system codes to what the user can act on', () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    expect(outputError(err('ENOSPC'), '/out')).toMatchObject({ kind: 'disk_full', message: expect.stringContaining('Disk full') });
    expect(outputError(err('EDQUOT'), '/out').kind).toBe('disk_full');
    expect(outputError(err('EACCES'), '/out')).toMatchObject({ kind: 'output_unwritable', message: expect.stringContaining('/out') });
    expect(outputError(err('EROFS'), '/out').kind).toBe('output_unwritable');
    expect(outputError(err('EIO'), '/out').kind).toBe('disk');
    const typed = new ExportError({ kind: 'cancelled', message: 'x' });
    expect(outputError(typed, '/out')).toBe(typed);
  });
});

describe('PhasedProgress', () => {
  it('only moves forward, stays below 1 until finished, and maps each phase into its stretch', () => {
    const seen: number[] = [];
    const progress = new PhasedProgress((f) => seen.push(f));
    const detect = progress.phase(0.4);
    detect(0.5);
    detect(0.25);
    detect(1);
    const cut = progress.phase(1);
    cut(0.5);
    cut(1);
    const late = progress.phase(0.2);
    late(1);
    progress.finish();
    expect(seen).toEqual([0.2, 0.4, 0.7, 0.999, 1]);
  });
});
