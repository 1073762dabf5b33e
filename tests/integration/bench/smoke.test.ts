// Smoke mode of the benchmark suite (`npm run bench -- --quick`): every benchmark still runs
// against the current code and reports well-formed results. Only shapes and correctness facts
// are asserted here (counts, completed transfers, confirmed presses) — never how fast anything
// was: the numbers belong in BENCHMARKS.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, UnknownBenchmarkError, renderReport, runBenchmarks, selectBenchmarks } from '../../../bench/suite';
import type { BenchmarkResult } from '../../../bench/lib/result';
import { DEFAULT_RENDERER_DIR } from '../../e2e/host/test-host';

async function quick(id: string): Promise<BenchmarkResult> {
  const run = await runBenchmarks({ quick: true, only: [id] });
  expect(run.results).toHaveLength(1);
  const result = run.results[0];
  if (!result) throw new Error(`no result for ${id}`);
  expect(result.id).toBe(id);
  expect(result.method.length).toBeGreaterThan(0);
  expect(result.tables.length).toBeGreaterThan(0);
  for (const table of result.tables) {
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row).toHaveLength(table.headers.length);
  }
  expect(Object.keys(result.metrics).length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(result.metrics)) expect(Number.isFinite(value), `${id}: ${name} = ${value}`).toBe(true);
  for (const target of result.targets) {
    expect(target.what).not.toBe('');
    expect(target.measured).not.toBe('');
    // A miss always says by how much and what would close it.
    if (target.met === false) expect(target.note ?? '').toMatch(/\S/);
  }
  expect(Number.isFinite(result.loadStart) && Number.isFinite(result.loadEnd)).toBe(true);
  const markdown = renderReport(run);
  expect(markdown).toContain(`## 1. ${result.title}`);
  expect(markdown).toContain('QUICK (smoke) MODE');
  return result;
}

describe('benchmarks in smoke mode', () => {
  it('download: the manager completes, resumes the cut transfer, and every client is measured', { timeout: 90_000 }, async () => {
    const result = await quick('download');
    expect(result.metrics.manager_resume_ok).toBe(1);
    expect(result.metrics.manager_8MiB_MiBps).toBeGreaterThan(0);
    expect(result.metrics.fetch_8MiB_MiBps).toBeGreaterThan(0);
    const resumeTable = result.tables.find((t) => t.caption?.startsWith('Cut at 50 %'));
    expect(resumeTable?.rows[0]?.[1]).toBe('yes');
  });

  it('hotkey: every press is confirmed and shows pending in the tray before its request leaves', { timeout: 60_000 }, async () => {
    const result = await quick('hotkey');
    expect(result.metrics.presses).toBe(20);
    expect(result.metrics.unconfirmed).toBe(0);
    expect(result.metrics.pending_before_request).toBe(20);
  });

  it('confirm: presses against the sandbox with latency are confirmed', { timeout: 60_000 }, async () => {
    const result = await quick('confirm');
    expect(result.metrics.L20_confirmed).toBe(2);
  });

  it('polling: every scenario and the real sandbox run are counted', { timeout: 60_000 }, async () => {
    const result = await quick('polling');
    expect(Object.keys(result.metrics).filter((k) => /^scenario\d+_per_min$/.test(k))).toHaveLength(7);
    expect(result.metrics.scenario1_per_min).toBe(0);
  });

  it.skipIf(!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html')))('library: the seeded rows render in Chromium and scroll to the end', { timeout: 90_000 }, async () => {
    const result = await quick('library');
    expect(result.metrics.rows).toBe(300);
    const scrolled = result.tables[0]?.rows.find((row) => row[0] === 'fast scroll reached the last row');
    expect(scrolled?.slice(1)).toEqual(['yes', 'yes']);
  });

  it('media: renders that match the timeline and a measured start-up', { timeout: 90_000 }, async () => {
    const result = await quick('media');
    const durations = result.tables[0]?.rows.map((row) => row[5]).filter((cell) => cell !== '—') ?? [];
    expect(durations.length).toBe(4);
    for (const cell of durations) expect(cell).toMatch(/^6\.0\d\d \(of 6\.000\)$/);
    expect(result.metrics.startup_cold_ms).toBeGreaterThan(0);
  });

  it('selects benchmarks by id and refuses an unknown one', () => {
    expect(selectBenchmarks(['hotkey', 'download']).map((b) => b.id)).toEqual(['download', 'hotkey']);
    expect(selectBenchmarks(undefined)).toHaveLength(BENCHMARKS.length);
    expect(() => selectBenchmarks(['downloads'])).toThrow(UnknownBenchmarkError);
  });
});
