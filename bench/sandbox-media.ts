// Benchmark 6 — sandbox media and start-up. Media: a 10-minute 1280x720@30 recording with two
// pauses rendered by the sandbox's MediaRenderer with a cold cache, again fully cached, and after
// warm-up (as when a real-time recording has just stopped), against one plain ffmpeg run of the
// same picture and encoder settings. Start-up: startSandbox → first successful API call, warm
// (in-process) and cold (a fresh process loading the core and the sandbox), against a bare
// node:http server. Also runs alone: `npx tsx bench/sandbox-media.ts [--minutes N] [--size WxH] [--fps N]`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RecallClient } from '../electron/core/recall';
import { startSandbox } from '../electron/sandbox';
import { MediaRenderer, type MediaTimeline } from '../electron/sandbox/media';
import { bundledFfmpegPath } from '../electron/sandbox/media/ffmpeg';
import { recordedPictureGraph } from '../electron/sandbox/media/picture';
import { probe } from '../tests/support/media-probe';
import { lastJsonLine, runMeasured, runTsChild } from './lib/child-process';
import { type Benchmark, type BenchContext, type BenchmarkBody } from './lib/result';
import { fmt, median } from './lib/stats';

export interface MediaFormat {
  minutes: number;
  width: number;
  height: number;
  fps: number;
}

export interface MediaMeasurement {
  label: string;
  wallS: number;
  /** CPU seconds of this process and its exited children (ffmpeg); null where /proc is missing. */
  cpuS: number | null;
  bytes: number | null;
  durationS: number | null;
  stats: string;
}

export function timelineOf(minutes: number): MediaTimeline {
  const durationMs = minutes * 60_000;
  // Odd offsets (scaled from a 10-minute recording) so pauses do not fall on chunk boundaries.
  const at = (fraction: number, offsetMs: number): number => Math.round(durationMs * fraction + (offsetMs * durationMs) / 600_000);
  return {
    durationMs,
    pauses: [
      { startMs: at(0.2, 500), endMs: at(0.275, 300) },
      { startMs: at(0.61, 700), endMs: at(0.66, 100) },
    ],
  };
}

/**
 * CPU seconds of this process and its exited children (Linux /proc; null elsewhere). Unlike wall
 * time it hardly depends on what else the machine is doing.
 */
function cpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

async function timed(label: string, work: () => Promise<{ bytes: number | null; stats: string; file: string | null }>): Promise<MediaMeasurement> {
  const started = performance.now();
  const cpu = cpuSeconds();
  const { bytes, stats, file } = await work();
  const wallS = (performance.now() - started) / 1000;
  const cpuEnd = cpuSeconds();
  const durationS = file === null ? null : (await probe(file)).durationSec;
  return { label, wallS, cpuS: cpu === null || cpuEnd === null ? null : cpuEnd - cpu, bytes, durationS, stats };
}

/** The naive way: one ffmpeg process encodes the whole timeline (same picture graph and x264 settings, all cores). */
function plainFfmpeg(format: MediaFormat, timeline: MediaTimeline, out: string): Promise<void> {
  const frame = (ms: number): number => Math.round((ms / 1000) * format.fps);
  const black = timeline.pauses.map((p) => ({ start: frame(p.startMs), end: frame(p.endMs) }));
  const silent = timeline.pauses.map((p) => `between(t,${p.startMs / 1000},${p.endMs / 1000})`).join('+');
  const graph = `${recordedPictureGraph(format, 0, black)};sine=frequency=440:sample_rate=48000,volume=volume=0:enable='${silent}'[a]`;
  const args = ['-y', '-v', 'error', '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-t', String(timeline.durationMs / 1000)];
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '26', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', out);
  return new Promise((resolve, reject) => {
    const child = spawn(bundledFfmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.trim().slice(-400)}`))));
  });
}

export async function measureMedia(format: MediaFormat, log: (line: string) => void): Promise<MediaMeasurement[]> {
  const timeline = timelineOf(format.minutes);
  const { width, height, fps } = format;
  const root = await mkdtemp(join(tmpdir(), 'bench-sandbox-media-'));
  const results: MediaMeasurement[] = [];
  const note = (m: MediaMeasurement): void => {
    results.push(m);
    log(
      `${m.label.padEnd(30)} ${fmt(m.wallS, 2).padStart(7)} s wall  ${fmt(m.cpuS, 1).padStart(6)} s cpu   ${m.bytes === null ? '' : `${(m.bytes / 1e6).toFixed(2)} MB   `}${m.durationS === null ? '' : `duration ${m.durationS.toFixed(3)} s (expected ${(timeline.durationMs / 1000).toFixed(3)})   `}${m.stats}`,
    );
  };
  log(`sandbox media: ${format.minutes} min ${width}x${height}@${fps}, pauses ${JSON.stringify(timeline.pauses)}, ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`);
  try {
    const render = (renderer: MediaRenderer, name: string) => async () => {
      const file = join(root, name);
      const { bytes } = await renderer.render(timeline, file);
      return { bytes, stats: JSON.stringify(renderer.stats), file };
    };
    const cold = new MediaRenderer({ cacheDir: join(root, 'cold'), width, height, fps });
    note(await timed('cold cache', render(cold, 'cold.mp4')));
    note(await timed('same timeline again', render(cold, 'again.mp4')));
    await cold.close();

    // Warm-up keeps `warmLeadMs` ahead of a real-time recording; a lead of the whole duration is
    // the state right after a recording of that length stops.
    const warm = new MediaRenderer({ cacheDir: join(root, 'warm'), width, height, fps, warmLeadMs: timeline.durationMs });
    note(
      await timed('warm-up (background)', async () => {
        warm.warm();
        await warm.whenWarm();
        return { bytes: null, stats: '(one process, one core)', file: null };
      }),
    );
    note(await timed('after warm()', render(warm, 'warm.mp4')));
    await warm.close();

    note(
      await timed('baseline: one plain ffmpeg run', async () => {
        const file = join(root, 'plain.mp4');
        await plainFfmpeg(format, timeline, file);
        return { bytes: (await stat(file)).size, stats: '(libx264 ultrafast, all cores)', file };
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return results;
}

const StartupSchema = z.object({ loadedMs: z.number(), listeningMs: z.number(), firstCallMs: z.number() });

/** The floor: a fresh Node process that starts a bare node:http server and fetches from it. */
const BARE_SERVER_SCRIPT = `
const { createServer } = require('node:http');
const server = createServer((req, res) => res.end('[]'));
server.listen(0, '127.0.0.1', async () => {
  const res = await fetch('http://127.0.0.1:' + server.address().port + '/');
  await res.text();
  const firstCallMs = performance.now();
  server.close();
  process.stdout.write(JSON.stringify({ loadedMs: 0, listeningMs: 0, firstCallMs }) + '\\n');
});`;

interface Startup {
  warmMs: number[];
  bareWarmMs: number[];
  cold: Array<z.infer<typeof StartupSchema>>;
  bareColdMs: number[];
}

async function measureStartup(runs: number): Promise<Startup> {
  const warmMs: number[] = [];
  const bareWarmMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const sandbox = await startSandbox();
    try {
      await new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl }).listBots().next();
      warmMs.push(performance.now() - t0);
    } finally {
      await sandbox.close();
    }
    const b0 = performance.now();
    const server = createServer((_req, res) => res.end('[]'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    await (await fetch(`http://127.0.0.1:${address.port}/`)).text();
    bareWarmMs.push(performance.now() - b0);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const cold: Startup['cold'] = [];
  const bareColdMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    cold.push(StartupSchema.parse(lastJsonLine(await runTsChild(new URL('./startup-child.ts', import.meta.url), []))));
    bareColdMs.push(StartupSchema.parse(lastJsonLine(await runMeasured(process.execPath, ['-e', BARE_SERVER_SCRIPT]))).firstCallMs);
  }
  return { warmMs, bareWarmMs, cold, bareColdMs };
}

export async function runSandboxMediaBenchmark(ctx: BenchContext): Promise<BenchmarkBody> {
  const format: MediaFormat = ctx.quick ? { minutes: 0.1, width: 320, height: 180, fps: 15 } : { minutes: 10, width: 1280, height: 720, fps: 30 };
  const media = await measureMedia(format, ctx.log);
  const startup = await measureStartup(ctx.quick ? 1 : 5);
  const by = (label: string): MediaMeasurement | undefined => media.find((m) => m.label === label);
  const cold = by('cold cache');
  const warmRender = by('after warm()');
  const plain = by('baseline: one plain ffmpeg run');
  const expected = format.minutes * 60;
  const coldFirst = median(startup.cold.map((c) => c.firstCallMs));
  const metrics: Record<string, number> = {
    cold_render_s: cold?.wallS ?? Number.NaN,
    warm_render_s: warmRender?.wallS ?? Number.NaN,
    plain_ffmpeg_s: plain?.wallS ?? Number.NaN,
    startup_warm_ms: median(startup.warmMs),
    startup_cold_ms: coldFirst,
    startup_bare_cold_ms: median(startup.bareColdMs),
  };
  const mediaRows = media.map((m) => [
    m.label,
    fmt(m.wallS, 2),
    fmt(m.cpuS, 1),
    plain && m.label !== plain.label && m.durationS !== null ? fmt(m.wallS / plain.wallS, 2) : '—',
    m.bytes === null ? '—' : fmt(m.bytes / 1e6, 2),
    m.durationS === null ? '—' : `${m.durationS.toFixed(3)} (of ${expected.toFixed(3)})`,
    m.stats,
  ]);
  const coldPhase = (pick: (c: z.infer<typeof StartupSchema>) => number): string => fmt(median(startup.cold.map(pick)), 0);
  return {
    method: [
      `Media: a ${format.minutes}-minute ${format.width}x${format.height}@${format.fps} timeline with two pauses, rendered by \`MediaRenderer\` (the sandbox's renderer: 2 s picture chunks cached and concatenated, only pause-straddling chunks re-encoded, audio assembled, stream-copy mux) — with a cold cache, the same timeline again, and after \`warm()\` has pre-rendered the recorded picture (as during a real-time recording). Each output is checked with ffprobe (duration).`,
      'Baseline: one ffmpeg process (the same registry-shipped ffmpeg) encoding the whole timeline with the same picture graph and x264 settings (ultrafast, QP 26), using all cores, with a tone muted during the pauses.',
      `Start-up: warm = \`startSandbox()\` → first successful API call (\`RecallClient.listBots\`) in this process; cold = a fresh Node process (tsx loader) that loads the app core, the client and the sandbox, starts it and makes the first call (time since the process started). Floors: a bare node:http server + first fetch, in-process and in a fresh process. ${startup.warmMs.length} runs each, medians.`,
    ],
    tables: [
      { caption: 'Producing the recording (wall and CPU seconds; CPU includes the ffmpeg children)', headers: ['step', 'wall s', 'CPU s', '× plain ffmpeg', 'MB', 'duration s', 'renderer stats'], rows: mediaRows },
      {
        caption: 'Start-up → first successful API call, ms (medians)',
        headers: ['what', 'project', 'bare node:http floor'],
        rows: [
          ['warm: startSandbox → first call (modules already loaded)', fmt(median(startup.warmMs), 1), fmt(median(startup.bareWarmMs), 1)],
          ['cold: process start → first call', fmt(coldFirst, 0), fmt(median(startup.bareColdMs), 0)],
          ['  of which: modules loaded (core, client, sandbox)', coldPhase((c) => c.loadedMs), '—'],
          ['  of which: sandbox listening', coldPhase((c) => c.listeningMs), '—'],
        ],
      },
    ],
    targets: [],
    notes: ['The issue sets no numeric target for media or start-up: the numbers are reported with their baselines.'],
    metrics,
  };
}

export const sandboxMediaBenchmark: Benchmark = {
  id: 'media',
  title: 'Sandbox media and start-up',
  run: runSandboxMediaBenchmark,
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '10' }, size: { type: 'string', default: '1280x720' }, fps: { type: 'string', default: '30' } },
  });
  const [width, height] = values.size.split('x').map(Number);
  const format = { minutes: Number(values.minutes), width: width ?? Number.NaN, height: height ?? Number.NaN, fps: Number(values.fps) };
  if (!(format.minutes > 0) || !(format.width > 0) || !(format.height > 0) || !(format.fps > 0)) throw new Error('usage: --minutes N --size WxH --fps N');
  await measureMedia(format, (line) => console.log(line));
}
