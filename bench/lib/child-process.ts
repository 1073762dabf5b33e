// Runs a benchmark client in its own process and samples its peak resident memory (VmHWM in
// /proc/<pid>/status) and CPU time (/proc/<pid>/stat), so clients are measured alike whatever
// they are written in.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Highest VmHWM seen while it ran (KiB); null where /proc is not available. */
  peakRssKib: number | null;
  /** User + system CPU seconds at the last sample before it exited; null where /proc is not available. */
  cpuS: number | null;
}

async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    // Fields after the command name: state is [0], utime [11], stime [12] (clock ticks, 100/s on Linux).
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

async function highWaterKib(pid: number): Promise<number | null> {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function runMeasured(command: string, args: readonly string[], opts: { sampleMs?: number; timeoutMs?: number } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    let cpu: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const sample = async (): Promise<void> => {
      if (child.pid === undefined) return;
      const [hwm, used] = await Promise.all([highWaterKib(child.pid), cpuSeconds(child.pid)]);
      if (hwm !== null) peak = Math.max(peak ?? 0, hwm);
      if (used !== null) cpu = Math.max(cpu ?? 0, used);
    };
    const sampler = setInterval(() => void sample(), opts.sampleMs ?? 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.once('error', (err) => {
      clearInterval(sampler);
      clearTimeout(killer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, wallMs: performance.now() - started, peakRssKib: peak, cpuS: cpu });
    });
  });
}

/** Runs a TypeScript file of the project in a fresh Node process (tsx loader, no launcher process). */
export function runTsChild(script: URL, args: readonly string[], opts: { timeoutMs?: number } = {}): Promise<ChildRun> {
  return runMeasured(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(script), ...args], opts);
}

/** The last stdout line of a child that reports its result as JSON. */
export function lastJsonLine(run: ChildRun): unknown {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the child printed no JSON result (exit ${run.code ?? run.signal}): ${run.stderr.trim().slice(-500) || run.stdout.trim().slice(-500)}`);
  }
}
