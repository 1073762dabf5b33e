// Benchmark 3 — press → confirmed: with the sandbox adding latency L to every API request, the
// time from a hotkey press to the controller's confirmed outcome, with the app's Poller running
// beside it, against the floor of the requests a confirmation needs (POST + GET = 2 × L) and a
// bare fetch POST + GET baseline. Confirmation must never wait for a poll tick.
import { Poller, RecordingController } from '../electron/core/control';
import { HotkeyDispatcher } from '../electron/core/hotkeys';
import { RecallClient, liveRecordingState } from '../electron/core/recall';
import { startSandbox, type Sandbox } from '../electron/sandbox';
import { atMost, type Benchmark, type BenchContext, type BenchmarkBody, type Table, type TargetCheck } from './lib/result';
import { fmt, median, summarize } from './lib/stats';

/** A confirmation is a POST and one GET that shows the new state (the sandbox applies commands at once). */
const REQUESTS_NEEDED = 2;
const SLACK_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function botInCall(sandbox: Sandbox, client: RecallClient): Promise<string> {
  const bot = await client.createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', bot_name: 'Benchmark', metadata: { sandbox_join_seconds: '0' } });
  const deadline = Date.now() + 20_000;
  while (liveRecordingState(await client.getBot(bot.id)) !== 'recording') {
    if (Date.now() > deadline) throw new Error(`bot ${bot.id} did not start recording in the sandbox at ${sandbox.baseUrl}`);
    await sleep(50);
  }
  return bot.id;
}

interface PressSample {
  latencyMs: number;
  confirmMs: number;
  baselineMs: number;
  requests: number;
  confirmed: boolean;
}

export async function runPressConfirmedBenchmark(ctx: BenchContext): Promise<BenchmarkBody> {
  const latencies = ctx.quick ? [20] : [50, 200];
  const presses = ctx.quick ? 2 : 12;
  const sandbox = await startSandbox({ media: { width: 160, height: 90, fps: 10 } });
  const byL = new Map<number, PressSample[]>();
  try {
    const setup = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const projectBot = await botInCall(sandbox, setup);
    const baselineBot = await botInCall(sandbox, setup);
    const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const controller = new RecordingController({ botId: projectBot, client, initialBot: await client.getBot(projectBot) });
    const poller = new Poller();
    poller.select(controller, { justRead: true });
    const dispatcher = new HotkeyDispatcher({ target: () => controller, showWindow: () => {}, notify: () => {} });
    const headers = { Authorization: `Token ${sandbox.apiKey}`, Accept: 'application/json' };

    const baseline = async (action: 'pause' | 'resume'): Promise<number> => {
      const t0 = performance.now();
      const post = await fetch(`${sandbox.baseUrl}/api/v1/bot/${baselineBot}/${action}_recording/`, { method: 'POST', headers });
      await post.text();
      const get = await fetch(`${sandbox.baseUrl}/api/v1/bot/${baselineBot}/`, { headers });
      await get.text();
      if (!post.ok || !get.ok) throw new Error(`baseline ${action}: ${post.status} / ${get.status}`);
      return performance.now() - t0;
    };

    try {
      for (const L of latencies) {
        sandbox.faults.set({ latencyMs: { control: L, retrieve: L } });
        const samples: PressSample[] = [];
        for (let i = 0; i < presses; i++) {
          const action = controller.getSnapshot().live === 'paused' ? 'resume' : 'pause';
          // Varied gaps put the press at every phase of the poller's 3 s in-call interval.
          await sleep(ctx.quick ? 20 : 200 + ((i * 733) % 3000));
          const logged = sandbox.requestLog().length;
          const t0 = performance.now();
          const outcome = await dispatcher.dispatch(action);
          const confirmMs = performance.now() - t0;
          const requests = sandbox.requestLog().slice(logged).filter((e) => e.path.includes(projectBot)).length;
          samples.push({ latencyMs: L, confirmMs, baselineMs: await baseline(action), requests, confirmed: outcome.status === 'done' });
          ctx.log(`press→confirmed L=${L} ${action}: ${fmt(confirmMs)} ms, ${requests} requests, ${outcome.status}`);
        }
        byL.set(L, samples);
      }
    } finally {
      poller.stop();
      controller.dispose();
    }
  } finally {
    await sandbox.close();
  }
  return report(byL, presses);
}

function report(byL: Map<number, PressSample[]>, presses: number): BenchmarkBody {
  const tables: Table[] = [];
  const targets: TargetCheck[] = [];
  const metrics: Record<string, number> = {};
  const rows: string[][] = [];
  for (const [L, samples] of byL) {
    const bound = REQUESTS_NEEDED * L + SLACK_MS;
    const confirm = summarize(samples.map((s) => s.confirmMs));
    const base = summarize(samples.map((s) => s.baselineMs));
    const confirmed = samples.filter((s) => s.confirmed).length;
    const within = samples.filter((s) => s.confirmed && s.confirmMs <= bound).length;
    rows.push([
      String(L),
      `${confirmed}/${samples.length}`,
      fmt(base.median),
      fmt(confirm.median),
      fmt(confirm.max),
      fmt(confirm.median / base.median, 2),
      fmt(median(samples.map((s) => s.requests)), 0),
      String(bound),
      `${within}/${samples.length}`,
    ]);
    metrics[`L${L}_confirm_median_ms`] = confirm.median;
    metrics[`L${L}_confirm_max_ms`] = confirm.max;
    metrics[`L${L}_baseline_median_ms`] = base.median;
    metrics[`L${L}_confirmed`] = confirmed;
    targets.push(
      atMost(
        `L = ${L} ms: slowest press → confirmed (of ${samples.length})`,
        confirm.max,
        bound,
        'ms',
        1,
        'A confirmation that shares a poll read already in flight (started before the POST was answered) sees the old state and waits a confirm delay; starting a fresh read after the POST instead of joining the older one would remove it.',
      ),
    );
  }
  tables.push({
    caption: `Press → confirmed outcome, ms (${presses} presses per latency, alternating pause/resume)`,
    headers: ['L ms', 'confirmed', 'bare POST+GET median', 'project median', 'project max', '× baseline', 'requests per press (median)', `bound (${REQUESTS_NEEDED}·L + ${SLACK_MS})`, 'within bound'],
    rows,
  });
  return {
    method: [
      'The real sandbox (`startSandbox`) with the `latencyMs` fault set to L for the control and retrieve classes: every POST and GET waits L ms in the server before it is answered.',
      'Project: the app\'s stack for one bot — `HotkeyDispatcher` → `RecordingController` → `RecallClient`, with the `Poller` running on its default intervals (3 s in a call, 1 s while pending) — from the hotkey callback to the confirmed outcome.',
      'Requests needed: a POST and one GET that shows the new state (the sandbox applies pause/resume at once), so the bound is 2 × L + 50 ms. Baseline: a bare `fetch` POST, then GET, on a second bot.',
      'Presses are spaced by varied gaps (200 ms – 3.2 s) so they land at every phase of the poll interval; the maximum is the number that matters ("never waits for a poll tick").',
    ],
    tables,
    targets,
    notes: [],
    metrics,
  };
}

export const pressConfirmedBenchmark: Benchmark = {
  id: 'confirm',
  title: 'Press → confirmed',
  run: runPressConfirmedBenchmark,
};
