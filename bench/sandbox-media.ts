// Benchmark of the sandbox media renderer: a 10-minute 1280x720@30 recording with two pauses,
// rendered with a cold cache, after warm-up (as when a real-time recording has just stopped),
// and again fully cached. Run: `npx tsx bench/sandbox-media.ts [--minutes N] [--size WxH] [--fps N]`.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MediaRenderer, type MediaTimeline } from '../electron/sandbox/media';
import { probe } from '../tests/support/media-probe';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, size: { type: 'string', default: '1280x720' }, fps: { type: 'string', default: '30' } },
});
const minutes = Number(values.minutes);
const [width, height] = values.size.split('x').map(Number);
const fps = Number(values.fps);
if (!(minutes > 0) || width === undefined || height === undefined) throw new Error('usage: --minutes N --size WxH --fps N');

const durationMs = minutes * 60_000;
const timeline: MediaTimeline = {
  durationMs,
  pauses: [
    { startMs: Math.round(durationMs * 0.2) + 500, endMs: Math.round(durationMs * 0.275) + 300 },
    { startMs: Math.round(durationMs * 0.61) + 700, endMs: Math.round(durationMs * 0.66) + 100 },
  ],
};

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(2);

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

const cpuSince = (start: number | null): string => {
  const end = cpuSeconds();
  return start === null || end === null ? 'n/a' : (end - start).toFixed(1);
};

async function measure(label: string, renderer: MediaRenderer, out: string): Promise<void> {
  const started = performance.now();
  const cpu = cpuSeconds();
  const { bytes } = await renderer.render(timeline, out);
  const elapsed = seconds(started);
  const cpuUsed = cpuSince(cpu);
  const info = await probe(out);
  console.log(
    `${label.padEnd(22)} ${elapsed.padStart(7)} s wall  ${cpuUsed.padStart(6)} s cpu   ${(bytes / 1e6).toFixed(2)} MB   duration ${info.durationSec.toFixed(3)} s (expected ${(durationMs / 1000).toFixed(3)})   ${JSON.stringify(renderer.stats)}`,
  );
}

const root = await mkdtemp(join(tmpdir(), 'bench-sandbox-media-'));
console.log(`sandbox media: ${minutes} min ${width}x${height}@${fps}, pauses ${JSON.stringify(timeline.pauses)}, ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`);
try {
  const cold = new MediaRenderer({ cacheDir: join(root, 'cold'), width, height, fps });
  await measure('cold cache', cold, join(root, 'cold.mp4'));
  await measure('same timeline again', cold, join(root, 'again.mp4'));
  await cold.close();

  // Warm-up keeps `warmLeadMs` ahead of a real-time recording; a lead of the whole duration is
  // the state right after a recording of that length stops.
  const warm = new MediaRenderer({ cacheDir: join(root, 'warm'), width, height, fps, warmLeadMs: durationMs });
  const warmStarted = performance.now();
  const warmCpu = cpuSeconds();
  warm.warm();
  await warm.whenWarm();
  console.log(`${'warm-up (background)'.padEnd(22)} ${seconds(warmStarted).padStart(7)} s wall  ${cpuSince(warmCpu).padStart(6)} s cpu   (one process, one core)`);
  await measure('after warm()', warm, join(root, 'warm.mp4'));
  await warm.close();
} finally {
  await rm(root, { recursive: true, force: true });
}
