// MediaRenderer: turns a recording's timeline into the finished MP4 by assembling cached
// picture chunks, cutting the few chunks that straddle a pause, laying out the audio track from
// two cached AAC frames and muxing with stream copy; also pre-renders picture chunks in the
// background (warm-up).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AnnexBChunker, type AnnexBChunk } from './annexb';
import { AUDIO_SAMPLE_RATE, TONE_HZ, assembleAudio, steadyFrame } from './audio';
import { planChunks, frameCount, type ChunkPlan } from './chunk-plan';
import { ChunkStore, chunkNames } from './chunk-store';
import { FfmpegError, MediaAbortedError, MediaConfigError, MediaIoError } from './errors';
import { FfmpegRunner, abortError, bundledFfmpegPath } from './ffmpeg';
import { ProcessLimiter, type SlotPriority } from './limiter';
import { PICTURE_VERSION, blackPictureGraph, recordedPictureGraph, videoEncoderArgs, type VideoFormat } from './picture';
import { validateTimeline, type MediaTimeline } from './timeline';

export interface MediaRendererOptions {
  cacheDir: string;
  width: number;
  height: number;
  fps: number;
  /** Default: the registry-shipped binary of @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string;
  /** Concurrent ffmpeg processes; default: the number of cores. */
  maxProcesses?: number;
  /** Chunk length in seconds; default 2. */
  chunkSeconds?: number;
  /** How far (media ms) warm-up runs ahead of a recording that started at warm(); default 2 min. */
  warmLeadMs?: number;
  /** Warm-up never goes beyond this much media; default 60 min. */
  warmMaxMs?: number;
  /** Media ms per wall ms while warming (the sandbox's speed); default 1. */
  timeScale?: number;
  now?: () => number;
}

export interface MediaRenderStats {
  /** Recorded picture chunks encoded (warm-up and renders). */
  recordedChunksEncoded: number;
  /** Black and pause-straddling chunks encoded. */
  customChunksEncoded: number;
  /** Chunks a render found already in the cache. */
  chunksReused: number;
  rendersCompleted: number;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve = (): void => {};
  let reject = (_error: unknown): void => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Claims nobody awaits any more may still be rejected; that is not an unhandled error.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Background-or-render work that several renders may wait for; cancelled when nobody does. */
interface SharedJob {
  refs: number;
  controller: AbortController;
  done: Promise<void>;
  /** Forgets the job so that later callers start fresh work instead of joining a cancelled one. */
  detach: () => void;
}

interface Claim {
  job: SharedJob;
  ready: Deferred;
}

interface AudioFrames {
  tone: Buffer;
  silence: Buffer;
}

interface Setup {
  runner: FfmpegRunner;
  store: ChunkStore;
}

const RUN_MIN_CHUNKS = 10;
const WARM_BATCH_CHUNKS = 30;
const WARM_TICK_MS = 10_000;

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function checkOptions(opts: MediaRendererOptions): void {
  const even = (n: number): boolean => Number.isInteger(n) && n % 2 === 0;
  if (!even(opts.width) || !even(opts.height) || opts.width < 64 || opts.height < 64 || opts.width > 4096 || opts.height > 2304) {
    throw new MediaConfigError(`Video size must be even and between 64x64 and 4096x2304, got ${opts.width}x${opts.height}.`);
  }
  if (!Number.isInteger(opts.fps) || opts.fps < 1 || opts.fps > 60) {
    throw new MediaConfigError(`Frame rate must be a whole number from 1 to 60, got ${opts.fps}.`);
  }
  const chunkSeconds = opts.chunkSeconds ?? 2;
  if (!Number.isInteger(chunkSeconds) || chunkSeconds < 1 || chunkSeconds > 60) {
    throw new MediaConfigError(`Chunk length must be a whole number of seconds from 1 to 60, got ${chunkSeconds}.`);
  }
  if (opts.maxProcesses !== undefined && !(Number.isInteger(opts.maxProcesses) && opts.maxProcesses >= 1)) {
    throw new MediaConfigError(`maxProcesses must be a positive integer, got ${opts.maxProcesses}.`);
  }
  if (opts.cacheDir === '') throw new MediaConfigError('A cache directory is required.');
}

/** Contiguous runs of sorted indices, cut into pieces of about `size` so idle slots can share the work. */
function splitRuns(indices: ReadonlyArray<number>, size: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const index of indices) {
    const last = runs.at(-1);
    if (last !== undefined && last[1] === index && last[1] - last[0] < size) last[1] = index + 1;
    else runs.push([index, index + 1]);
  }
  return runs;
}

export class MediaRenderer {
  private readonly format: VideoFormat;
  private readonly chunkFrames: number;
  private readonly chunkMs: number;
  private readonly slots: number;
  private readonly limiter: ProcessLimiter;
  private readonly now: () => number;
  private readonly closing = new AbortController();
  private setupPromise: Promise<Setup> | null = null;
  private audio: AudioFrames | null = null;
  private audioJob: SharedJob | null = null;
  private runner: FfmpegRunner | null = null;
  private readonly claims = new Map<number, Claim>();
  private readonly derived = new Map<string, SharedJob>();
  private readonly renders = new Set<Promise<unknown>>();
  private readonly counters: MediaRenderStats = { recordedChunksEncoded: 0, customChunksEncoded: 0, chunksReused: 0, rendersCompleted: 0 };
  private warmAnchors: number[] = [];
  private warmHorizonMs = 0;
  private warmLoop: Promise<void> | null = null;
  private warmTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: MediaRendererOptions) {
    checkOptions(opts);
    this.format = { width: opts.width, height: opts.height, fps: opts.fps };
    this.chunkFrames = opts.fps * (opts.chunkSeconds ?? 2);
    this.chunkMs = (opts.chunkSeconds ?? 2) * 1000;
    this.slots = opts.maxProcesses ?? availableParallelism();
    this.limiter = new ProcessLimiter(this.slots);
    this.now = opts.now ?? Date.now;
  }

  get stats(): Readonly<MediaRenderStats> {
    return { ...this.counters };
  }

  /** ffmpeg processes currently running for this renderer. */
  get runningProcesses(): number {
    return this.runner?.running ?? 0;
  }

  /**
   * A recording has started: pre-render recorded picture chunks from media time 0, keeping
   * `warmLeadMs` ahead of the recording as wall time passes, up to `warmMaxMs`.
   */
  warm(): void {
    if (this.closing.signal.aborted) return;
    this.warmAnchors.push(this.now());
    this.kickWarm();
  }

  /** Settles once warm-up has caught up with its current horizon (for benchmarks and tests). */
  async whenWarm(): Promise<void> {
    while (this.warmLoop !== null) await this.warmLoop;
  }

  render(timeline: MediaTimeline, outPath: string, signal?: AbortSignal): Promise<{ bytes: number }> {
    const job = this.renderNow(timeline, outPath, signal);
    this.renders.add(job);
    void job.catch(() => {}).finally(() => this.renders.delete(job));
    return job;
  }

  /** Stops warm-up, aborts renders in progress (they reject with reason 'closed') and kills ffmpeg. */
  async close(): Promise<void> {
    if (!this.closing.signal.aborted) this.closing.abort(new MediaAbortedError('closed'));
    if (this.warmTimer !== null) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    await this.runner?.killAll();
    await Promise.allSettled([...this.renders, this.warmLoop]);
  }

  private setup(): Promise<Setup> {
    this.setupPromise ??= this.createSetup().catch((error: unknown) => {
      this.setupPromise = null;
      throw error;
    });
    return this.setupPromise;
  }

  private async createSetup(): Promise<Setup> {
    const ffmpegPath = this.opts.ffmpegPath ?? bundledFfmpegPath();
    let size: number;
    try {
      size = (await stat(ffmpegPath)).size;
    } catch {
      throw new FfmpegError('missing', `ffmpeg was not found at ${ffmpegPath}`, '');
    }
    // Chunks from another ffmpeg build or settings may not concatenate: they get their own folder.
    const key = createHash('sha256')
      .update(JSON.stringify([ffmpegPath, size, videoEncoderArgs(this.chunkFrames), recordedPictureGraph(this.format, 0)]))
      .digest('hex')
      .slice(0, 10);
    const { width, height, fps } = this.format;
    const store = await ChunkStore.open(join(this.opts.cacheDir, `v${PICTURE_VERSION}-${width}x${height}@${fps}-c${this.chunkFrames}-${key}`));
    this.runner = new FfmpegRunner(ffmpegPath);
    return { runner: this.runner, store };
  }

  private async renderNow(timeline: MediaTimeline, outPath: string, signal?: AbortSignal): Promise<{ bytes: number }> {
    validateTimeline(timeline);
    const abort = signal === undefined ? this.closing.signal : AbortSignal.any([signal, this.closing.signal]);
    if (abort.aborted) throw abortError(abort);
    const { runner, store } = await raceAbort(this.setup(), abort);
    const tempOut = `${outPath}.tmp`;
    let workDir: string | null = null;
    // Sibling work is stopped as soon as one part fails, so nothing outlives the render.
    const local = new AbortController();
    const work = AbortSignal.any([abort, local.signal]);
    try {
      await mkdir(dirname(outPath), { recursive: true });
      await mkdir(join(this.opts.cacheDir, 'tmp'), { recursive: true });
      workDir = await mkdtemp(join(this.opts.cacheDir, 'tmp', 'render-'));
      const plan = planChunks(timeline, this.format.fps, this.chunkFrames);
      const frames = frameCount(timeline.durationMs, this.format.fps);
      const audioPath = join(workDir, 'audio.aac');
      const parts = [
        this.writeAudio(runner, store, timeline, frames, audioPath, work),
        ...this.ensureDerived(runner, store, plan, work),
        this.ensureRecorded(
          plan.flatMap((c) => (c.kind === 'recorded' ? [c.index] : [])),
          'render',
          work,
        ),
      ];
      let firstError: unknown = null;
      await Promise.allSettled(
        parts.map((part) =>
          part.catch((error: unknown) => {
            firstError ??= error;
            local.abort(error);
          }),
        ),
      );
      if (firstError !== null) throw firstError;
      await this.mux(runner, store, plan, audioPath, tempOut, work);
      await rename(tempOut, outPath).catch((cause: unknown) => {
        throw new MediaIoError(`Could not move the finished video to ${outPath}.`, outPath, { cause });
      });
      this.counters.rendersCompleted++;
      return { bytes: (await stat(outPath)).size };
    } catch (error) {
      await rm(tempOut, { force: true });
      if (abort.aborted) throw abortError(abort);
      if (error instanceof Error && 'syscall' in error) {
        throw new MediaIoError(`Rendering ${outPath} failed: ${error.message}`, outPath, { cause: error });
      }
      throw error;
    } finally {
      if (workDir !== null) await rm(workDir, { recursive: true, force: true });
    }
  }

  /** The two AAC frames every track is made of, encoded once per cache folder. */
  private async audioFrames(runner: FfmpegRunner, store: ChunkStore, signal: AbortSignal): Promise<AudioFrames> {
    if (this.audio !== null) return this.audio;
    let job = this.audioJob;
    if (job === null) {
      const created: SharedJob = this.newJob(
        async (jobSignal) => {
          const [tone, silence] = await Promise.all([
            this.audioFrame(runner, store, 'tone', `sine=frequency=${TONE_HZ}:sample_rate=${AUDIO_SAMPLE_RATE}`, jobSignal),
            this.audioFrame(runner, store, 'silence', `anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=mono`, jobSignal),
          ]);
          this.audio = { tone, silence };
          created.detach();
        },
        () => {
          if (this.audioJob === created) this.audioJob = null;
        },
      );
      this.audioJob = created;
      job = created;
    }
    await this.follow([job], job.done, signal);
    if (this.audio === null) throw new FfmpegError('failed', 'the audio frames were not produced', '');
    return this.audio;
  }

  private async audioFrame(runner: FfmpegRunner, store: ChunkStore, kind: 'tone' | 'silence', source: string, signal: AbortSignal): Promise<Buffer> {
    const name = chunkNames.audio(kind);
    if (store.has(name)) return readFile(store.path(name));
    const out: Buffer[] = [];
    const release = await this.limiter.acquire('render', signal);
    try {
      await runner.run({
        args: ['-f', 'lavfi', '-i', source, '-t', '3', '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '64k', '-ac', '1', '-f', 'adts', 'pipe:1'],
        signal,
        onStdout: async (data) => {
          out.push(data);
        },
      });
    } finally {
      release();
    }
    const steady = steadyFrame(Buffer.concat(out));
    if (steady === null) throw new FfmpegError('failed', `ffmpeg's AAC encoder did not settle on a steady ${kind} frame`, '');
    await store.write(name, steady);
    return steady;
  }

  private async writeAudio(runner: FfmpegRunner, store: ChunkStore, timeline: MediaTimeline, frames: number, path: string, signal: AbortSignal): Promise<void> {
    const { tone, silence } = await this.audioFrames(runner, store, signal);
    await writeFile(path, assembleAudio(timeline, frames / this.format.fps, tone, silence));
  }

  private async mux(runner: FfmpegRunner, store: ChunkStore, plan: ReadonlyArray<ChunkPlan>, audioPath: string, out: string, signal: AbortSignal): Promise<void> {
    const paths = plan.map((c) => store.path(this.chunkName(c)));
    async function* video(): AsyncGenerator<Buffer> {
      for (const path of paths) yield await readFile(path);
    }
    const release = await this.limiter.acquire('render', signal);
    try {
      await runner.run({
        // `-r` on the raw stream gives every frame an exact 1/fps timestamp, so chunk joins are
        // seamless. With two inputs ffmpeg reads each in a thread; the default 8-packet queue
        // makes it poll the pipe with 10 ms sleeps (3 s instead of 0.2 s for 10 minutes).
        args: [
          '-thread_queue_size', '4096', '-f', 'h264', '-r', String(this.format.fps), '-i', 'pipe:0',
          '-thread_queue_size', '4096', '-f', 'aac', '-i', audioPath,
          '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', out,
        ],
        stdin: video(),
        signal,
      });
    } finally {
      release();
    }
  }

  private chunkName(chunk: ChunkPlan): string {
    switch (chunk.kind) {
      case 'recorded':
        return chunkNames.recorded(chunk.index);
      case 'black':
        return chunkNames.black(chunk.frames);
      case 'custom':
        return chunkNames.custom(chunk.index, chunk.frames, chunk.black);
    }
  }

  /** Encodes one ffmpeg run's raw output into chunk files of `frames` frames each, in order. */
  private async encodeChunks(
    runner: FfmpegRunner,
    store: ChunkStore,
    graph: string,
    totalFrames: number,
    expect: ReadonlyArray<{ name: string; frames: number }>,
    onChunk: (i: number) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const chunker = new AnnexBChunker();
    let next = 0;
    const commit = async (chunk: AnnexBChunk): Promise<void> => {
      const index = next++;
      const wanted = expect[index];
      if (wanted === undefined || chunk.frames !== wanted.frames) {
        throw new FfmpegError('failed', `ffmpeg produced an unexpected chunk (${chunk.frames} frames, expected ${wanted?.frames ?? 0})`, '');
      }
      await store.write(wanted.name, chunk.data);
      onChunk(index);
    };
    await runner.run({
      args: ['-filter_complex', graph, '-map', '[v]', '-frames:v', String(totalFrames), ...videoEncoderArgs(this.chunkFrames), 'pipe:1'],
      signal,
      onStdout: async (data) => {
        for (const chunk of chunker.push(data)) await commit(chunk);
      },
    });
    for (const chunk of chunker.end()) await commit(chunk);
    if (next !== expect.length) throw new FfmpegError('failed', `ffmpeg produced ${next} of ${expect.length} chunks`, '');
  }

  /**
   * Waits for shared jobs while holding a reference on each; the last one to stop waiting
   * cancels a job and waits until its ffmpeg has exited, so an aborted render leaves nothing running.
   */
  private async follow<T>(jobs: ReadonlyArray<SharedJob>, wait: Promise<T>, signal: AbortSignal): Promise<T> {
    for (const job of jobs) job.refs++;
    try {
      return await raceAbort(wait, signal);
    } finally {
      const cancelled: Array<Promise<void>> = [];
      for (const job of jobs) {
        job.refs--;
        if (job.refs === 0) {
          job.detach();
          job.controller.abort(new MediaAbortedError('aborted'));
          cancelled.push(job.done);
        }
      }
      await Promise.allSettled(cancelled);
    }
  }

  private newJob(start: (signal: AbortSignal) => Promise<void>, detach: () => void): SharedJob {
    const controller = new AbortController();
    const done = start(AbortSignal.any([controller.signal, this.closing.signal]));
    done.catch(() => {});
    return { refs: 0, controller, done, detach };
  }

  private ensureDerived(runner: FfmpegRunner, store: ChunkStore, plan: ReadonlyArray<ChunkPlan>, signal: AbortSignal): Array<Promise<void>> {
    const waits = new Map<string, Promise<void>>();
    for (const chunk of plan) {
      if (chunk.kind === 'recorded') continue;
      const name = this.chunkName(chunk);
      if (waits.has(name)) continue;
      if (store.has(name)) {
        this.counters.chunksReused++;
        continue;
      }
      let job = this.derived.get(name);
      if (job === undefined) {
        const graph = chunk.kind === 'black' ? blackPictureGraph(this.format) : recordedPictureGraph(this.format, chunk.index * this.chunkFrames, chunk.black);
        const expect = [{ name, frames: chunk.frames }];
        const created: SharedJob = this.newJob(
          async (jobSignal) => {
            const release = await this.limiter.acquire('render', jobSignal);
            try {
              await this.encodeChunks(runner, store, graph, chunk.frames, expect, () => this.counters.customChunksEncoded++, jobSignal);
            } finally {
              release();
              created.detach();
            }
          },
          () => {
            if (this.derived.get(name) === created) this.derived.delete(name);
          },
        );
        this.derived.set(name, created);
        job = created;
      }
      waits.set(name, this.follow([job], job.done, signal));
    }
    return [...waits.values()];
  }

  /** Makes sure the recorded chunks exist, encoding missing ones in parallel runs (deduplicated across callers). */
  private async ensureRecorded(indices: ReadonlyArray<number>, priority: SlotPriority, signal: AbortSignal): Promise<void> {
    const { store, runner } = await this.setup();
    const missing = indices.filter((i) => !store.has(chunkNames.recorded(i)));
    if (priority === 'render') this.counters.chunksReused += indices.length - missing.length;
    const unclaimed = missing.filter((i) => !this.claims.has(i));
    const runSize = priority === 'warm' ? WARM_BATCH_CHUNKS : Math.max(RUN_MIN_CHUNKS, Math.ceil(unclaimed.length / (this.slots * 3)));
    for (const [start, end] of splitRuns(unclaimed, runSize)) this.startRun(runner, store, start, end, priority);
    const claims = missing.flatMap((i) => {
      const claim = this.claims.get(i);
      return claim === undefined ? [] : [claim];
    });
    const jobs = [...new Set(claims.map((c) => c.job))];
    await this.follow(jobs, Promise.all(claims.map((c) => c.ready.promise)), signal);
  }

  private startRun(runner: FfmpegRunner, store: ChunkStore, start: number, end: number, priority: SlotPriority): void {
    const ready: Deferred[] = [];
    for (let i = start; i < end; i++) ready.push(deferred());
    const expect = ready.map((_, i) => ({ name: chunkNames.recorded(start + i), frames: this.chunkFrames }));
    const job: SharedJob = this.newJob(
      async (signal) => {
        const release = await this.limiter.acquire(priority, signal);
        try {
          const graph = recordedPictureGraph(this.format, start * this.chunkFrames);
          await this.encodeChunks(runner, store, graph, (end - start) * this.chunkFrames, expect, (i) => {
            this.counters.recordedChunksEncoded++;
            this.claims.delete(start + i);
            ready[i]?.resolve();
          }, signal);
        } finally {
          release();
        }
      },
      () => {
        for (let i = start; i < end; i++) if (this.claims.get(i)?.job === job) this.claims.delete(i);
      },
    );
    ready.forEach((d, i) => this.claims.set(start + i, { job, ready: d }));
    job.done.catch((error: unknown) => {
      job.detach();
      for (const d of ready) d.reject(error);
    });
  }

  private warmTargetChunks(): number {
    const now = this.now();
    const lead = this.opts.warmLeadMs ?? 120_000;
    const max = this.opts.warmMaxMs ?? 3_600_000;
    const scale = this.opts.timeScale ?? 1;
    for (const anchor of this.warmAnchors) {
      this.warmHorizonMs = Math.max(this.warmHorizonMs, Math.min(max, lead + (now - anchor) * scale));
    }
    // An anchor whose horizon reached the cap can never move it again.
    this.warmAnchors = this.warmAnchors.filter((anchor) => lead + (now - anchor) * scale < max);
    return Math.ceil(this.warmHorizonMs / this.chunkMs);
  }

  private kickWarm(): void {
    if (this.warmTimer !== null) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    if (this.warmLoop !== null || this.closing.signal.aborted) return;
    this.warmLoop = this.runWarm()
      .catch(() => {
        // Warm-up is best effort: a failure here resurfaces as a typed error from render().
      })
      .finally(() => {
        this.warmLoop = null;
        if (this.warmAnchors.length > 0 && !this.closing.signal.aborted) {
          this.warmTimer = setTimeout(() => this.kickWarm(), WARM_TICK_MS);
          this.warmTimer.unref();
        }
      });
  }

  private async runWarm(): Promise<void> {
    const { store } = await this.setup();
    for (;;) {
      if (this.closing.signal.aborted) return;
      const target = this.warmTargetChunks();
      let first = 0;
      while (first < target && (store.has(chunkNames.recorded(first)) || this.claims.has(first))) first++;
      if (first >= target) return;
      const batch: number[] = [];
      for (let i = first; i < target && batch.length < WARM_BATCH_CHUNKS && !store.has(chunkNames.recorded(i)) && !this.claims.has(i); i++) batch.push(i);
      await this.ensureRecorded(batch, 'warm', this.closing.signal);
    }
  }
}
