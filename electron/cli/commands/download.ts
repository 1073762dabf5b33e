// `download BOT [--recording ID | --all] [--out DIR]`: verified, resumable downloads of a bot's
// mixed videos with a progress bar (redrawn in place on a terminal, periodic lines otherwise);
// exits non-zero when any file is incomplete. Ctrl-C keeps partial files for the next run.
import {
  DownloadManager,
  formatBytes,
  summarizeError,
  type DownloadErrorSummary,
  type DownloadProgress,
  type DownloadResult,
  type DownloadTicket,
} from '../../core/downloads';
import type { Bot } from '../../core/recall';
import type { CommandContext, CommandSpec } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatDuration } from '../format';
import { OUT_OPTION, downloadDirFor } from './segments';

/** Where progress goes: a terminal gets one line redrawn with \r, anything else plain lines. */
export interface ProgressSink {
  isTTY: boolean;
  write(text: string): void;
}

const BAR_WIDTH = 24;
/** Plain (non-terminal) progress lines come at most this often. */
const LINE_INTERVAL_MS = 2_000;

export function progressLine(label: string, p: DownloadProgress): string {
  const size = p.total === null ? formatBytes(p.bytes) : `${formatBytes(p.bytes)} / ${formatBytes(p.total)}`;
  const rate = p.rateBps === null ? '' : `  ${formatBytes(p.rateBps)}/s`;
  const eta = p.etaMs === null ? '' : `  ETA ${formatDuration(p.etaMs)}`;
  if (p.percent === null) return `${label}  ${size}${rate}`;
  const filled = Math.round((p.percent / 100) * BAR_WIDTH);
  return `${label}  [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(p.percent)}%  ${size}${rate}${eta}`;
}

interface Outcome {
  recordingId: string;
  result?: DownloadResult;
  error?: DownloadErrorSummary;
}

function pickRecordings(bot: Bot, ctx: CommandContext): string[] | 'all' {
  const one = ctx.string('recording')?.trim();
  const all = ctx.flag('all');
  if (one && all) throw new UsageError('Pass either --recording ID or --all, not both');
  if (all) return 'all';
  if (one) return [one];
  const latest = bot.recordings
    .filter((r) => r.status?.code === 'done' && r.media_shortcuts?.video_mixed?.status.code === 'done')
    .sort((a, b) => Date.parse(b.started_at ?? b.created_at) - Date.parse(a.started_at ?? a.created_at))[0];
  return latest ? [latest.id] : [];
}

class ProgressView {
  private readonly progress = new Map<string, DownloadProgress>();
  private lastLineAt = -Infinity;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number,
    private readonly count: number,
  ) {}

  update(recordingId: string, p: DownloadProgress): void {
    this.progress.set(recordingId, p);
    const line = this.line();
    if (this.sink.isTTY) {
      this.sink.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else if (this.now() - this.lastLineAt >= LINE_INTERVAL_MS) {
      this.lastLineAt = this.now();
      this.sink.write(`${line}\n`);
    }
  }

  /** A finished line printed above the bar. */
  say(text: string): void {
    if (this.sink.isTTY && this.drawn) this.sink.write('\r\x1b[K');
    this.drawn = false;
    this.sink.write(`${text}\n`);
  }

  private line(): string {
    const all = [...this.progress.values()];
    if (this.count === 1 && all.length === 1) return progressLine('Downloading', all[0]!);
    const bytes = all.reduce((n, p) => n + p.bytes, 0);
    const known = all.every((p) => p.total !== null);
    const total = known ? all.reduce((n, p) => n + (p.total ?? 0), 0) : null;
    const rate = all.reduce((n, p) => n + (p.rateBps ?? 0), 0);
    const done = all.filter((p) => p.percent === 100).length;
    return progressLine(`${done}/${this.count} files`, {
      bytes,
      total,
      percent: total ? (bytes / total) * 100 : null,
      rateBps: rate || null,
      etaMs: total && rate ? ((total - bytes) / rate) * 1000 : null,
    });
  }
}

export function makeDownloadCommand(sinkFor: (ctx: CommandContext) => ProgressSink = defaultSink): CommandSpec {
  return {
    name: 'download',
    summary: "Download the bot's recordings (the latest by default) as verified, resumable MP4 files",
    args: ['BOT'],
    options: {
      recording: { type: 'string', value: 'ID', description: 'Download this recording' },
      all: { type: 'boolean', description: 'Download every finished recording not downloaded yet' },
      out: OUT_OPTION,
    },
    async run(ctx) {
      const client = ctx.client();
      const signal = ctx.io.signal;
      const bot = await client.getBot(ctx.args.BOT!, signal ? { signal } : {});
      const wanted = pickRecordings(bot, ctx);
      const dir = await downloadDirFor(ctx);
      const now = ctx.io.now ?? Date.now;
      const manager = new DownloadManager({
        client,
        downloadDir: () => dir,
        now,
        ...(ctx.io.fetch && { fetch: ctx.io.fetch }),
        ...(ctx.io.sleep && { sleep: ctx.io.sleep }),
      });
      const onAbort = (): void => void manager.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        let tickets: DownloadTicket[];
        if (wanted === 'all') tickets = await manager.downloadAll(bot.id, signal);
        else tickets = wanted.map((recordingId) => manager.enqueue({ recordingId, botName: bot.bot_name ?? null }));
        if (tickets.length === 0) {
          const message = wanted === 'all' ? `Every finished recording of bot ${bot.id} is already in ${dir}` : `Bot ${bot.id} has no finished recording to download yet`;
          ctx.print([message], { ok: wanted === 'all', download_dir: dir, downloads: [] });
          if (wanted !== 'all') ctx.io.stderr(`recall-remote: ${message}`);
          return wanted === 'all' ? EXIT.ok : EXIT.failure;
        }
        const view = new ProgressView(sinkFor(ctx), now, tickets.length);
        const quiet = ctx.json;
        manager.subscribe((e) => {
          if (quiet) return;
          if (e.type === 'progress') view.update(e.recordingId, e.progress);
          else if (e.type === 'retrying') view.say(`Retrying ${e.recordingId.slice(0, 8)} in ${Math.ceil(e.delayMs / 1000)} s: ${e.reason}`);
        });
        const outcomes: Outcome[] = await Promise.all(
          tickets.map((t) =>
            t.done.then(
              (result) => {
                if (!quiet) view.say(`Saved ${result.path} (${formatBytes(result.size)}, sha256 ${result.sha256.slice(0, 12)}…)`);
                return { recordingId: t.recordingId, result };
              },
              (err: unknown) => {
                const error = summarizeError(err);
                if (!quiet) view.say(`Failed ${t.recordingId}: ${error.message}`);
                return { recordingId: t.recordingId, error };
              },
            ),
          ),
        );
        return report(ctx, dir, outcomes, signal?.aborted === true);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

function report(ctx: CommandContext, dir: string, outcomes: readonly Outcome[], interrupted: boolean): number {
  const failed = outcomes.filter((o) => o.error);
  const json = {
    ok: failed.length === 0,
    download_dir: dir,
    downloads: outcomes.map((o) => ({
      recording_id: o.recordingId,
      ok: o.result !== undefined,
      ...(o.result && { path: o.result.path, file_name: o.result.fileName, size: o.result.size, sha256: o.result.sha256 }),
      ...(o.error && { error: o.error }),
    })),
  };
  if (ctx.json) ctx.print([], json);
  if (failed.length === 0) return EXIT.ok;
  if (interrupted) {
    ctx.io.stderr('recall-remote: Interrupted; partial files are kept — run the same command again to resume');
    return EXIT.interrupted;
  }
  ctx.io.stderr(`recall-remote: ${failed.length} of ${outcomes.length} downloads are incomplete: ${failed[0]!.error!.message}`);
  const networkOnly = failed.every((o) => ['network', 'server', 'rate_limited', 'expired'].includes(o.error!.kind));
  return networkOnly ? EXIT.network : EXIT.failure;
}

function defaultSink(ctx: CommandContext): ProgressSink {
  if (process.stderr.isTTY) return { isTTY: true, write: (text) => void process.stderr.write(text) };
  return { isTTY: false, write: (text) => ctx.io.stderr(text.replace(/\n$/, '')) };
}

export const download = makeDownloadCommand();
