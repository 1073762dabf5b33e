// Runs ffmpeg for the export: locates the registry-shipped binary, spawns it with no stdin,
// reports progress from `-progress pipe:1` (out_time), kills it on abort, and turns a failure
// into a typed ExportError carrying the tail of its stderr.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ExportError, cancelledError } from './errors';

const STDERR_TAIL_CHARS = 4_000;
const MAX_CAPTURE_CHARS = 16 * 1024 * 1024;

/**
 * The binary of @ffmpeg-installer/ffmpeg (a static build that ships through the npm registry).
 * A packaged app cannot spawn a file inside its asar archive: electron-builder unpacks the
 * package beside it (asarUnpack), so the path is mapped to app.asar.unpacked.
 */
export function bundledFfmpegPath(): string {
  try {
    const installer: unknown = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg');
    if (typeof installer === 'object' && installer !== null && 'path' in installer && typeof installer.path === 'string') {
      return installer.path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
    }
    throw new Error('the package exports no path');
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ExportError({ kind: 'ffmpeg_missing', message: `The bundled ffmpeg (@ffmpeg-installer/ffmpeg) is not available: ${detail}`, cause: err });
  }
}

export interface FfmpegRun {
  args: readonly string[];
  signal?: AbortSignal;
  /** With `onProgress`: how much output media time the run produces, for a 0..1 fraction. */
  outputDurationSec?: number;
  onProgress?: (fraction: number) => void;
  /** Keep stdout (e.g. `-f framecrc -`); not together with progress. */
  captureStdout?: boolean;
  /** Keep all of stderr (analysis filters log there), not only its tail. */
  captureStderr?: boolean;
  /** Resolve with the exit code instead of failing (`ffmpeg -i` alone always exits 1). */
  allowFailure?: boolean;
}

export interface FfmpegResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `out_time_ms` is in microseconds despite its name; newer builds also print `out_time_us`. */
export function parseProgressTime(line: string): number | null {
  const micro = /^out_time_(?:us|ms)=(\d+)$/.exec(line);
  if (micro) return Number(micro[1]) / 1e6;
  const clock = /^out_time=(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(line);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return null;
}

export function stderrTail(stderr: string, lines = 6): string {
  return stderr.trim().split('\n').slice(-lines).join('\n');
}

function failure(code: number | null, signalName: string | null, stderr: string): ExportError {
  const tail = stderrTail(stderr);
  if (/No space left on device|Disk quota exceeded/i.test(stderr)) {
    return new ExportError({ kind: 'disk_full', message: 'Disk full: ffmpeg could not write the clean export', stderrTail: tail, code: 'ENOSPC' });
  }
  const how = code === null ? `signal ${signalName ?? '?'}` : `exit code ${code}`;
  const last = tail.split('\n').at(-1) ?? '';
  return new ExportError({ kind: 'ffmpeg_failed', message: `ffmpeg failed (${how})${last ? `: ${last}` : ''}`, stderrTail: tail });
}

export function runFfmpeg(ffmpegPath: string, run: FfmpegRun): Promise<FfmpegResult> {
  const { signal } = run;
  if (signal?.aborted) return Promise.reject(cancelledError());
  const progress = run.onProgress !== undefined && run.outputDurationSec !== undefined && run.outputDurationSec > 0;
  const args = ['-hide_banner', '-nostdin', ...(progress ? ['-nostats', '-progress', 'pipe:1'] : []), ...run.args];
  return new Promise<FfmpegResult>((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', progress || run.captureStdout ? 'pipe' : 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    let stdout = '';
    let partial = '';
    let aborted = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (run.captureStderr) {
        if (stderr.length < MAX_CAPTURE_CHARS) stderr += text;
      } else stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      if (!progress) {
        if (stdout.length < MAX_CAPTURE_CHARS * 4) stdout += text;
        return;
      }
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const at = parseProgressTime(line.trim());
        if (at !== null) run.onProgress?.(Math.min(1, Math.max(0, at / (run.outputDurationSec ?? 1))));
      }
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      spawnError ??= err;
    });
    child.once('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (aborted) return reject(cancelledError());
      if (spawnError !== null) {
        return reject(
          new ExportError({
            kind: 'ffmpeg_missing',
            message: `ffmpeg could not be started (${ffmpegPath}): ${spawnError.code ?? spawnError.message}`,
            cause: spawnError,
            ...(spawnError.code !== undefined && { code: spawnError.code }),
          }),
        );
      }
      if (code === 0 || run.allowFailure) return resolve({ code, stdout, stderr });
      reject(failure(code, killedBy, stderr));
    });
  });
}
