// Runs the registry-shipped ffmpeg (@ffmpeg-installer/ffmpeg, present after `npm ci` with no
// system packages): locates it, spawns it, feeds/reads its pipes, maps failures to typed errors
// with its stderr tail, and kills what is still running on abort or close.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FfmpegError, MediaAbortedError } from './errors';

const STDERR_TAIL_BYTES = 2_000;

/** The bundled binary's path; resolved lazily because the package throws when its platform build is absent. */
export function bundledFfmpegPath(): string {
  try {
    const installer: unknown = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg');
    if (typeof installer === 'object' && installer !== null && 'path' in installer && typeof installer.path === 'string') {
      // In a packaged Electron app the binary cannot run from inside the asar archive; it is
      // unpacked next to it (electron-builder `asarUnpack`).
      return installer.path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
    }
    throw new Error('the package exports no path');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FfmpegError('missing', `The bundled ffmpeg (@ffmpeg-installer/ffmpeg) is not available: ${detail}`, '');
  }
}

/** The abort reason to surface: our own typed one when the signal carries it. */
export function abortError(signal: AbortSignal): MediaAbortedError {
  return signal.reason instanceof MediaAbortedError ? signal.reason : new MediaAbortedError('aborted');
}

export interface FfmpegJob {
  args: string[];
  signal?: AbortSignal;
  /** Bytes fed to ffmpeg's stdin (`-i pipe:0`). */
  stdin?: AsyncIterable<Buffer>;
  /** Receives stdout (`pipe:1`); the pipe is paused until the returned promise settles. */
  onStdout?: (data: Buffer) => Promise<void>;
}

export class FfmpegRunner {
  private readonly children = new Set<ChildProcess>();
  private readonly exits = new Set<Promise<void>>();

  constructor(private readonly path: string) {}

  /** ffmpeg processes currently alive. */
  get running(): number {
    return this.children.size;
  }

  run(job: FfmpegJob): Promise<void> {
    const { signal } = job;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const child = spawn(this.path, ['-hide_banner', '-loglevel', 'error', '-y', ...job.args], {
        stdio: [job.stdin === undefined ? 'ignore' : 'pipe', job.onStdout === undefined ? 'ignore' : 'pipe', 'pipe'],
        windowsHide: true,
      });
      this.children.add(child);
      let stderr = '';
      let failure: Error | null = null;
      const fail = (error: Error): void => {
        failure ??= error;
        child.kill('SIGKILL');
        // A paused stdout would hold back 'close'; once failed, the rest is drained unread.
        child.stdout?.resume();
      };
      const onAbort = (): void => {
        if (signal !== undefined) fail(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const exited = new Promise<void>((done) => child.once('close', () => done()));
      this.exits.add(exited);

      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
      });
      const stdout = child.stdout;
      const onStdout = job.onStdout;
      // The process may report its exit while stdout still holds unread data or a handler is
      // running: the job settles only once stdout has ended and every handler has finished.
      let handling: Promise<void> = Promise.resolve();
      let stdoutEnded: Promise<void> = Promise.resolve();
      if (stdout !== null && onStdout !== undefined) {
        stdoutEnded = new Promise<void>((done) => {
          stdout.once('end', done);
          stdout.once('close', done);
        });
        stdout.on('data', (data: Buffer) => {
          if (failure !== null) return;
          stdout.pause();
          handling = handling
            .then(() => onStdout(data))
            .then(
              () => {
                if (failure === null) stdout.resume();
              },
              (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
            );
        });
      }
      const stdinStream = child.stdin;
      const input = job.stdin;
      if (stdinStream !== null && input !== undefined) {
        // A dying ffmpeg closes its stdin: that EPIPE is reported through the exit status instead.
        pipeline(Readable.from(input), stdinStream).catch((error: unknown) => {
          const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
          if (code !== 'EPIPE' && code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ERR_STREAM_DESTROYED') {
            fail(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }
      child.once('error', (error: NodeJS.ErrnoException) => {
        failure ??= new FfmpegError('missing', `ffmpeg could not be started (${this.path}): ${error.code ?? error.message}`, '');
      });
      child.once('close', (code, killedBy) => {
        this.children.delete(child);
        this.exits.delete(exited);
        signal?.removeEventListener('abort', onAbort);
        const tail = stderr.trim();
        void stdoutEnded.then(() => handling).then(() => {
          if (failure !== null) reject(failure);
          else if (code === 0) resolve();
          else reject(new FfmpegError('failed', `ffmpeg failed (${code === null ? `signal ${killedBy ?? '?'}` : `exit code ${code}`})`, tail, code));
        });
      });
    });
  }

  /** Kills every running ffmpeg and waits until they have exited. */
  async killAll(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    await Promise.allSettled([...this.exits]);
  }
}
