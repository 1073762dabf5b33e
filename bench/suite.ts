// The benchmark suite: which benchmarks exist, running a selection of them (each bracketed by
// load-average samples, since the machine is shared), and the report of the run.
import { downloadBenchmark } from './download/download-benchmark';
import { hotkeyBenchmark } from './hotkey-latency';
import { pressConfirmedBenchmark } from './press-confirmed';
import { pollingBudgetBenchmark } from './polling-budget';
import { sandboxMediaBenchmark } from './sandbox-media';
import { libraryBenchmark } from './library-render';
import { loadAverage, machineInfo } from './lib/machine';
import { renderReport, type RunReport } from './lib/report';
import type { Benchmark, BenchContext, BenchmarkResult } from './lib/result';

/** In the issue's order, which the report keeps. */
export const BENCHMARKS: readonly Benchmark[] = [downloadBenchmark, hotkeyBenchmark, pressConfirmedBenchmark, pollingBudgetBenchmark, libraryBenchmark, sandboxMediaBenchmark];

/**
 * The download benchmark writes gigabytes to disk, and the kernel's write-back and page-cache
 * reclaim go on after it ends: it runs last so that it cannot disturb the latency benchmarks.
 */
const RUNS_LAST: ReadonlySet<string> = new Set([downloadBenchmark.id]);

export interface RunOptions {
  quick?: boolean;
  full?: boolean;
  /** Benchmark ids; default all. */
  only?: readonly string[];
  log?: (line: string) => void;
  command?: string;
}

export class UnknownBenchmarkError extends Error {}

export function selectBenchmarks(only: readonly string[] | undefined): Benchmark[] {
  if (only === undefined || only.length === 0) return [...BENCHMARKS];
  const unknown = only.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new UnknownBenchmarkError(`Unknown benchmark ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  }
  return BENCHMARKS.filter((b) => only.includes(b.id));
}

export async function runBenchmarks(opts: RunOptions = {}): Promise<RunReport> {
  const selected = selectBenchmarks(opts.only);
  const ctx: BenchContext = { quick: opts.quick === true, full: opts.full === true, log: opts.log ?? (() => {}) };
  const startedAt = new Date();
  const started = performance.now();
  const results: BenchmarkResult[] = [];
  const order = [...selected.filter((b) => !RUNS_LAST.has(b.id)), ...selected.filter((b) => RUNS_LAST.has(b.id))];
  for (const bench of order) {
    ctx.log(`— ${bench.title}`);
    const loadStart = loadAverage()[0];
    const began = performance.now();
    const body = await bench.run(ctx);
    results.push({ id: bench.id, title: bench.title, ...body, loadStart, loadEnd: loadAverage()[0], wallMs: performance.now() - began });
  }
  return {
    startedAt,
    wallMs: performance.now() - started,
    machine: machineInfo(),
    command: opts.command ?? 'npm run bench',
    quick: ctx.quick,
    full: ctx.full,
    available: BENCHMARKS.map((b) => b.id),
    runOrder: results.map((r) => r.id),
    results: BENCHMARKS.flatMap((b) => results.filter((r) => r.id === b.id)),
  };
}

export { renderReport };
