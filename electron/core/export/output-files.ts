// Where a clean export lands: `<name> (clean).mp4` and, with a transcript, `<name> (clean)
// .transcript.json|.srt|.vtt` beside it. Files are finished under a temporary name in a work
// folder inside the output folder, then published without ever replacing an existing file: a
// hard link fails when the name is taken (then " (2)", " (3)"… is tried); on file systems
// without hard links, an existence check and a rename.
import { access, link, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FALLBACK_NAME, MAX_FILE_NAME_BYTES, sanitizeNameComponent } from '../downloads/file-name';
import { errnoCode, outputError } from './errors';

export const CLEAN_SUFFIX = ' (clean)';
/** Room kept for " (clean) (9999).transcript.json". */
const SUFFIX_RESERVE = 40;
const WORK_PREFIX = '.clean-export-';

export type OutputKind = 'video' | 'json' | 'srt' | 'vtt';

const EXTENSIONS: Record<OutputKind, string> = { video: '.mp4', json: '.transcript.json', srt: '.srt', vtt: '.vtt' };

/** `<name> (clean)`, made a safe file name; an `.mp4` the caller left on the name is dropped. */
export function cleanStem(baseName: string): string {
  const withoutExt = baseName.replace(/\.mp4$/i, '');
  const safe = sanitizeNameComponent(withoutExt, MAX_FILE_NAME_BYTES - SUFFIX_RESERVE) || FALLBACK_NAME;
  return `${safe}${CLEAN_SUFFIX}`;
}

/** The n-th candidate name (n ≥ 1) of an output: `stem.ext`, then `stem (2).ext`, … */
export function outputName(stem: string, kind: OutputKind, n = 1): string {
  return `${n === 1 ? stem : `${stem} (${n})`}${EXTENSIONS[kind]}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

/** The first n for which every wanted output name is free, so the files of one export match. */
export async function firstFreeNumber(dir: string, stem: string, kinds: ReadonlyArray<OutputKind>): Promise<number> {
  for (let n = 1; n < 10_000; n++) {
    const taken = await Promise.all(kinds.map((k) => exists(join(dir, outputName(stem, k, n)))));
    if (!taken.some(Boolean)) return n;
  }
  throw outputError(new Error(`no free name for ${stem}`), dir);
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Moves a finished temp file to `dir` under the first free candidate name from `n`; returns its path. */
export async function publish(tempPath: string, dir: string, stem: string, kind: OutputKind, n: number): Promise<string> {
  try {
    for (let k = n; k < 10_000; k++) {
      const target = join(dir, outputName(stem, kind, k));
      try {
        await link(tempPath, target);
        await unlink(tempPath);
        return target;
      } catch (err) {
        const code = errnoCode(err);
        if (code === 'EEXIST') continue;
        if (code === undefined || !NO_HARD_LINKS.has(code)) throw err;
        if (await exists(target)) continue;
        await rename(tempPath, target);
        return target;
      }
    }
    throw new Error(`no free name for ${stem}`);
  } catch (err) {
    throw outputError(err, dir);
  }
}

/** A private work folder inside the output folder (same disk, so publishing is a rename). */
export async function makeWorkDir(dir: string): Promise<string> {
  try {
    return await mkdtemp(join(dir, WORK_PREFIX));
  } catch (err) {
    throw outputError(err, dir);
  }
}

export async function removeWorkDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}
