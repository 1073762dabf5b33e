// `segments BOT`: every recording of the bot as a table (or --json) — times, recorded vs paused
// time, the mixed video's status and what is in the download folder for it.
import { DownloadManager, defaultDownloadDir, nodeDownloadDirDeps, type LocalFileState } from '../../core/downloads';
import { SegmentsStore, type SegmentRow } from '../../core/segments';
import type { CommandContext, CommandSpec, OptionSpec } from '../command';
import { EXIT } from '../errors';
import { formatDuration } from '../format';

export const OUT_OPTION: OptionSpec = {
  type: 'string',
  value: 'DIR',
  description: 'Download folder (default: the OS videos folder, else Downloads, else home)',
};

export async function downloadDirFor(ctx: CommandContext): Promise<string> {
  const out = ctx.string('out')?.trim();
  if (out) return out;
  return defaultDownloadDir({ ...nodeDownloadDirDeps, env: ctx.io.env });
}

export function localLabel(local: LocalFileState): string {
  const pct = (p: number | null): string => (p === null ? '' : ` ${Math.floor(p)}%`);
  switch (local.kind) {
    case 'not_downloaded':
      return 'not downloaded';
    case 'queued':
      return 'queued';
    case 'downloading':
      return `downloading${pct(local.percent)}`;
    case 'partial':
      return `partial${pct(local.percent)} (${local.reason === 'paused' ? 'paused' : local.reason === 'failed' ? 'failed' : 'interrupted'})`;
    case 'downloaded':
      return 'downloaded';
    case 'changed':
      return `changed on disk (${local.reason === 'size' ? 'size' : 'content'} differs)`;
    case 'missing':
      return 'missing (file deleted)';
  }
}

function localTime(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function rowJson(row: SegmentRow): Record<string, unknown> {
  return {
    number: row.number,
    recording_id: row.recordingId,
    state: row.state,
    status: row.statusCode,
    sub_code: row.subCode,
    started_at: iso(row.startedAt),
    completed_at: iso(row.completedAt),
    duration_ms: row.durationMs,
    recorded_ms: row.recordedMs,
    paused_ms: row.pausedMs,
    pauses: row.pauses.map((p) => ({ start: iso(p.startMs), end: iso(p.endMs), source: p.source, sources: p.sources })),
    video_mixed: row.videoMixed ? { id: row.videoMixed.id, status: row.videoMixed.statusCode } : null,
    downloadable: row.downloadable,
    local: row.local,
  };
}

export function segmentsTable(rows: readonly SegmentRow[]): string[] {
  const header = ['#', 'RECORDING', 'STATUS', 'STARTED', 'DURATION', 'RECORDED / PAUSED', 'MEDIA', 'LOCAL'];
  const body = rows.map((r) => [
    String(r.number),
    r.recordingId,
    r.state,
    localTime(r.startedAt),
    r.durationMs === null ? '—' : formatDuration(r.durationMs),
    r.recordedMs === null || r.pausedMs === null ? '—' : `${formatDuration(r.recordedMs)} / ${formatDuration(r.pausedMs)}`,
    r.videoMixed?.statusCode ?? 'none',
    localLabel(r.local),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  return [header, ...body].map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '));
}

export const segments: CommandSpec = {
  name: 'segments',
  summary: 'Every recording of the bot: times, recorded/paused time, video status, local file',
  args: ['BOT'],
  options: { out: OUT_OPTION },
  async run(ctx) {
    const client = ctx.client();
    const signal = ctx.io.signal;
    const bot = await client.getBot(ctx.args.BOT!, signal ? { signal } : {});
    const dir = await downloadDirFor(ctx);
    const now = ctx.io.now ?? Date.now;
    const files = new DownloadManager({ client, downloadDir: () => dir, now, ...(ctx.io.fetch && { fetch: ctx.io.fetch }) });
    const rows = await new SegmentsStore({ now, local: files }).rows(bot);
    const name = bot.bot_name ? ` (${bot.bot_name})` : '';
    const human = rows.length === 0 ? [`Bot ${bot.id}${name} has no recordings yet`] : [`Recordings of bot ${bot.id}${name}, newest first — files in ${dir}`, ...segmentsTable(rows)];
    ctx.print(human, { bot_id: bot.id, bot_name: bot.bot_name ?? null, download_dir: dir, segments: rows.map(rowJson) });
    return EXIT.ok;
  },
};
