// What the benchmarks ran on: CPU, cores, memory, OS, Node, and the versions of the baseline
// tools (curl, Chromium); plus the load average, sampled around each benchmark because this
// machine is shared and its noise is part of every number.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  curl: string | null;
  chromium: string | null;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

function firstLine(command: string, args: string[]): string | null {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (run.error || run.status !== 0) return null;
  return run.stdout.split('\n')[0]?.trim() || null;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    return `${pretty ?? process.platform} (kernel ${release()})`;
  } catch {
    return `${process.platform} ${release()}`;
  }
}

export function curlVersion(): string | null {
  return firstLine('curl', ['--version']);
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    curl: curlVersion(),
    chromium: existsSync(CHROMIUM_PATH) ? firstLine(CHROMIUM_PATH, ['--version']) : null,
  };
}

/** 1-, 5- and 15-minute load averages. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = loadavg();
  return [a, b, c];
}
