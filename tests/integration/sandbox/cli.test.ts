// `recall-remote sandbox`: flag parsing, the two connection lines on stdout, a working API
// behind them, usage errors (exit 2), and a clean stop on SIGTERM in a real process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sandbox as sandboxCommand } from '../../../electron/cli/commands/sandbox';
import { runCli } from '../../../electron/cli/main';
import { parseSandboxArgs, runSandboxCommand } from '../../../electron/sandbox/cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function runInProcess(argv: string[]): { lines: string[]; errors: string[]; stop: () => void; exit: Promise<number> } {
  const lines: string[] = [];
  const errors: string[] = [];
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const exit = runSandboxCommand(argv, { stdout: (l) => lines.push(l), stderr: (l) => errors.push(l), untilStopped: () => stopped });
  return { lines, errors, stop, exit };
}

describe('sandbox CLI', () => {
  it('prints exactly RECALL_API_BASE and RECALL_API_KEY, serves the API, and exits 0 when stopped', async () => {
    const run = runInProcess(['--api-key', 'cli-key', '--speed', '30', '--media=320x180@15', '--error-rate', '0']);
    await expect.poll(() => run.lines.length).toBe(2);
    expect(run.lines[0]).toMatch(/^RECALL_API_BASE=http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.lines[1]).toBe('RECALL_API_KEY=cli-key');
    const base = run.lines[0]?.split('=')[1] ?? '';
    const res = await fetch(`${base}/api/v1/bot/`, { headers: { authorization: 'cli-key' } });
    expect(res.status).toBe(200);
    run.stop();
    expect(await run.exit).toBe(0);
    await expect(fetch(`${base}/api/v1/bot/`)).rejects.toThrow();
  });

  it('maps every flag onto sandbox options and faults', () => {
    const parsed = parseSandboxArgs([
      '--port=0',
      '--start-mode',
      'keep',
      '--url-ttl',
      '5',
      '--data-dir',
      '/tmp/x',
      '--latency-ms',
      '20',
      '--error-rate',
      '0.25',
      '--error-statuses',
      '500,503',
      '--truncate-media-at',
      '1000',
      '--throttle-bps',
      '5000',
      '--rate-limit-burst',
      '3',
      '--seed',
      '9',
      '--verbose',
    ]);
    expect(parsed.verbose).toBe(true);
    expect(parsed.options).toMatchObject({
      port: 0,
      startMode: 'keep',
      urlTtlSeconds: 5,
      dataDir: '/tmp/x',
      faults: { errorRate: 0.25, errorStatuses: [500, 503], truncateMediaAtBytes: 1000, throttleMediaBps: 5000, rateLimitBurst: 3, seed: 9 },
    });
    expect(parsed.options.faults?.latencyMs).toMatchObject({ control: 20, media: 20, list: 20 });
  });

  it.each([
    [['--speed', '0'], /--speed must be a positive number/],
    [['--start-mode', 'wipe'], /--start-mode must be replace or keep/],
    [['--media', '320x180'], /--media must look like/],
    [['--bogus'], /unknown option --bogus/],
    [['--port'], /--port needs a value/],
    [['--error-statuses', '200'], /--error-statuses/],
  ])('exits 2 with a specific message for %j', async (argv, message) => {
    const run = runInProcess(argv);
    expect(await run.exit).toBe(2);
    expect(run.errors[0]).toMatch(message);
    expect(run.lines).toEqual([]);
  });

  it('prints its help with --help', async () => {
    const run = runInProcess(['--help']);
    expect(await run.exit).toBe(0);
    expect(run.lines.join('\n')).toMatch(/--throttle-bps N/);
  });

  it('runs as the recall-remote "sandbox" command and stops on Ctrl-C (abort)', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    const exit = runCli(['sandbox', '--api-key', 'table-key', '--speed', '10'], {
      stdout: (text) => lines.push(text),
      stderr: (text) => lines.push(`stderr: ${text}`),
      env: {},
      signal: controller.signal,
    }, [sandboxCommand]);
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[1]).toBe('RECALL_API_KEY=table-key');
    const base = lines[0]?.replace('RECALL_API_BASE=', '') ?? '';
    expect((await fetch(`${base}/api/v1/bot/`, { headers: { authorization: 'table-key' } })).status).toBe(200);
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('runs as a real process and closes cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', "import { runSandboxCommand } from './electron/sandbox/cli.ts'; process.exitCode = await runSandboxCommand(process.argv.slice(1));", '--', '--api-key', 'proc-key'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(() => out.split('\n').filter((l) => l !== '').length, { timeout: 20_000 }).toBe(2);
    expect(out).toMatch(/^RECALL_API_BASE=http:\/\/127\.0\.0\.1:\d+\nRECALL_API_KEY=proc-key\n$/);
    const base = /RECALL_API_BASE=(\S+)/.exec(out)?.[1] ?? '';
    expect((await fetch(`${base}/api/v1/bot/`, { headers: { authorization: 'Token proc-key' } })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
