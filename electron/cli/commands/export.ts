// `export BOT --recording ID [--out DIR]`: the clean export of a downloaded recording — the
// paused spans cut out (black+silent in the file AND paused according to the bot's status
// history), written beside it as `<name> (clean).mp4`, with the transcript re-timed (JSON, SRT,
// WebVTT) when Recall has one. Ctrl-C cancels and leaves nothing behind.
import { basename } from 'node:path';
import { DownloadManager } from '../../core/downloads';
import { ExportError, exportClean, parseTranscript, type ExportCleanResult, type TimeSpan, type TranscriptJson } from '../../core/export';
import type { Bot, BotRecording, RecallClient } from '../../core/recall';
import { pauseSpansFromStatusHistory } from '../../core/segments';
import type { CommandContext, CommandSpec } from '../command';
import { EXIT } from '../errors';
import { formatDuration } from '../format';
import { OUT_OPTION, downloadDirFor } from './segments';

const LINE_INTERVAL_MS = 5_000;

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The bot's pause spans (its own status history) as offsets into the recording's file. */
export function pauseSpansOnMedia(bot: Bot, recording: BotRecording, nowMs: number): TimeSpan[] {
  const startedAt = time(recording.started_at) ?? time(recording.created_at);
  if (startedAt === null) return [];
  const endedAt = time(recording.completed_at) ?? nowMs;
  return pauseSpansFromStatusHistory(bot, recording).map((span) => ({
    startSec: Math.max(0, (span.pausedAt - startedAt) / 1000),
    endSec: Math.max(0, ((span.resumedAt ?? endedAt) - startedAt) / 1000),
  }));
}

/** Recall's transcript of the recording, when it has a finished one; a problem is a warning, not a failure. */
async function fetchTranscript(client: RecallClient, recordingId: string, ctx: CommandContext): Promise<TranscriptJson | undefined> {
  const signal = ctx.io.signal;
  const recording = await client.getRecording(recordingId, signal ? { signal } : {});
  const shortcut = recording.media_shortcuts?.transcript ?? null;
  const url = shortcut?.data.download_url ?? null;
  if (shortcut === null || shortcut.status.code !== 'done' || url === null) return undefined;
  try {
    const response = await (ctx.io.fetch ?? fetch)(url, signal ? { signal } : {});
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseTranscript(await response.json());
  } catch (err) {
    if (signal?.aborted) throw err;
    ctx.io.stderr(`recall-remote: Warning: the transcript could not be read (${err instanceof Error ? err.message : String(err)}); exporting the video only`);
    return undefined;
  }
}

function progressReporter(ctx: CommandContext): (fraction: number) => void {
  if (ctx.json) return () => {};
  const now = ctx.io.now ?? Date.now;
  const tty = process.stderr.isTTY === true;
  let last = -Infinity;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (tty) process.stderr.write(`\rExporting  ${percent}%\x1b[K${fraction >= 1 ? '\r\x1b[K' : ''}`);
    else if (now() - last >= LINE_INTERVAL_MS && fraction < 1) {
      last = now();
      ctx.io.stderr(`Exporting  ${percent}%`);
    }
  };
}

function summary(result: ExportCleanResult, originalSec: number): string[] {
  const removed = result.cuts.reduce((sum, c) => sum + c.endSec - c.startSec, 0);
  const how = result.method === 'stream_copy' ? 'stream copy' : result.method === 'remux' ? 'copied as is' : 're-encoded';
  const lines = [
    result.cuts.length === 0
      ? `No paused span to remove; saved a copy: ${result.outputPath}`
      : `Saved ${result.outputPath} — ${result.cuts.length} paused ${result.cuts.length === 1 ? 'span' : 'spans'} removed (${formatDuration(removed * 1000)}), ${formatDuration(result.keptDurationSec * 1000)} left of ${formatDuration(originalSec * 1000)}, ${how}`,
  ];
  if (result.transcriptPaths) lines.push(`Transcript: ${result.transcriptPaths.json}`, `Subtitles: ${result.transcriptPaths.srt}`, `           ${result.transcriptPaths.vtt}`);
  return lines;
}

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'Clean export of a downloaded recording: paused spans cut out, transcript re-timed (JSON, SRT, WebVTT)',
  args: ['BOT'],
  options: {
    recording: { type: 'string', value: 'ID', required: true, description: 'The recording to export (download it first)' },
    out: { ...OUT_OPTION, description: 'Folder of the downloaded recording; the export is written beside it (default: the download folder)' },
  },
  async run(ctx) {
    const client = ctx.client();
    const signal = ctx.io.signal;
    const recordingId = ctx.string('recording')?.trim() ?? '';
    const bot = await client.getBot(ctx.args.BOT!, signal ? { signal } : {});
    const recording = bot.recordings.find((r) => r.id === recordingId);
    if (recording === undefined) {
      ctx.io.stderr(`recall-remote: Recording ${recordingId} is not one of bot ${bot.id}'s recordings`);
      return EXIT.failure;
    }
    const dir = await downloadDirFor(ctx);
    const now = ctx.io.now ?? Date.now;
    const files = new DownloadManager({ client, downloadDir: () => dir, now, ...(ctx.io.fetch && { fetch: ctx.io.fetch }) });
    const local = await files.localState(recordingId);
    if (local.kind !== 'downloaded') {
      ctx.io.stderr(`recall-remote: Recording ${recordingId} is not downloaded in ${dir} (${local.kind.replace('_', ' ')}) — run: recall-remote download ${bot.id} --recording ${recordingId}`);
      return EXIT.failure;
    }
    const transcript = await fetchTranscript(client, recordingId, ctx);
    const userPauseSpans = pauseSpansOnMedia(bot, recording, now());
    try {
      const result = await exportClean({
        inputPath: local.path,
        outputDir: dir,
        baseName: basename(local.fileName, '.mp4'),
        userPauseSpans,
        onProgress: progressReporter(ctx),
        ...(transcript !== undefined && { transcript }),
        ...(signal && { signal }),
      });
      const originalSec = result.keptDurationSec + result.cuts.reduce((sum, c) => sum + c.endSec - c.startSec, 0);
      ctx.print(summary(result, originalSec), {
        ok: true,
        recording_id: recordingId,
        input_path: local.path,
        output_path: result.outputPath,
        transcript: result.transcriptPaths ?? null,
        cuts: result.cuts.map((c) => ({ start_sec: c.startSec, end_sec: c.endSec })),
        kept_duration_sec: result.keptDurationSec,
        method: result.method,
        reencoded_sec: result.reencodedSec,
      });
      return EXIT.ok;
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
      if (ctx.json) ctx.print([], { ok: false, recording_id: recordingId, error: { kind: err.kind, message: err.message } });
      ctx.io.stderr(`recall-remote: ${err.message}`);
      return err.kind === 'cancelled' ? EXIT.interrupted : EXIT.failure;
    }
  },
};
