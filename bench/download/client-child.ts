// One download client, run as its own process by the download benchmark so its memory is its
// own: `manager` is the product's DownloadManager (through the real Recall client), `fetch` the
// naive baseline (fetch + stream pipeline into a file). Prints one JSON line: bytes, transfer
// time, and resident memory before and at peak during the transfer.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DownloadManager } from '../../electron/core/downloads';
import { RecallClient } from '../../electron/core/recall';

export interface ClientReport {
  ok: boolean;
  bytes: number;
  transferMs: number;
  rssBeforeKib: number;
  peakRssKib: number;
  /** User + system CPU of this process during the transfer. */
  cpuMs: number;
  retries: number;
  error?: string;
}

const kib = (bytes: number): number => Math.round(bytes / 1024);

/** Peak RSS while `work` runs: sampled, plus the kernel's high-water mark if it rose meanwhile. */
async function measured(work: () => Promise<{ bytes: number; retries: number }>): Promise<ClientReport> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const hwmBefore = process.resourceUsage().maxRSS;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let outcome: { bytes: number; retries: number } | Error;
  try {
    outcome = await work();
  } catch (err) {
    outcome = err instanceof Error ? err : new Error(String(err));
  }
  const transferMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(sampler);
  const hwmAfter = process.resourceUsage().maxRSS;
  const peakKib = Math.max(kib(peak), hwmAfter > hwmBefore ? hwmAfter : 0);
  const common = { transferMs, rssBeforeKib: kib(rssBefore), peakRssKib: peakKib, cpuMs };
  if (outcome instanceof Error) return { ok: false, bytes: 0, ...common, retries: 0, error: outcome.message };
  return { ok: true, bytes: outcome.bytes, ...common, retries: outcome.retries };
}

async function withManager(client: RecallClient, recordingId: string, dir: string): Promise<{ bytes: number; retries: number }> {
  const manager = new DownloadManager({ client, downloadDir: () => dir });
  let retries = 0;
  manager.subscribe((event) => {
    if (event.type === 'retrying') retries++;
  });
  const result = await manager.download({ recordingId, botName: 'Benchmark' });
  return { bytes: result.size, retries };
}

async function withFetch(url: string, out: string): Promise<{ bytes: number; retries: number }> {
  const res = await fetch(url);
  if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`);
  let bytes = 0;
  const body = Readable.fromWeb(res.body);
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(body, createWriteStream(out));
  const expected = Number(res.headers.get('content-length'));
  if (bytes !== expected) throw new Error(`received ${bytes} of ${expected} bytes`);
  return { bytes, retries: 0 };
}

// Each client makes one small request before it is measured: Node loads its HTTP client
// (undici) on the first fetch, a fixed cost that is not memory the transfer needs.
const [mode, ...args] = process.argv.slice(2);
let report: ClientReport;
if (mode === 'manager' && args.length === 4) {
  const [baseUrl = '', apiKey = '', recordingId = '', dir = ''] = args;
  const client = new RecallClient({ apiKey, baseUrl });
  await client.getRecording(recordingId);
  report = await measured(() => withManager(client, recordingId, dir));
} else if (mode === 'fetch' && args.length === 2) {
  const [url = '', out = ''] = args;
  await (await fetch(url, { method: 'HEAD' })).arrayBuffer();
  report = await measured(() => withFetch(url, out));
} else {
  process.stderr.write('usage: client-child manager BASE_URL API_KEY RECORDING_ID DIR | fetch URL OUT_FILE\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(report)}\n`);
