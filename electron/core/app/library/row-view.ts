// The segments table as the renderer sees it: SegmentRow (core) → SegmentRowView (contract,
// plain data), the library view of a bot, and the pauses as offsets into the video file.
import { liveRecordingState, type Bot } from '../../recall';
import type { LocalFileState } from '../../downloads';
import type { SegmentRow } from '../../segments';
import type { LibraryView, LocalFileView, PreviewSourceView, SegmentRowView } from '../../../contract';

export interface ErrorSummary {
  kind: string;
  message: string;
}

export function localView(state: LocalFileState): LocalFileView {
  switch (state.kind) {
    case 'downloading':
      return { kind: 'downloading', bytes: state.bytes, total: state.total, percent: state.percent, rateBps: state.rateBps, etaMs: state.etaMs };
    case 'partial':
      return { ...state, error: state.error && { kind: state.error.kind, message: state.error.message } };
    default:
      return { ...state };
  }
}

export function rowView(row: SegmentRow, downloadError: ErrorSummary | null): SegmentRowView {
  const local = localView(row.local);
  return {
    number: row.number,
    recordingId: row.recordingId,
    state: row.state,
    statusCode: row.statusCode,
    subCode: row.subCode,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    durationMs: row.durationMs,
    recordedMs: row.recordedMs,
    pausedMs: row.pausedMs,
    pauses: row.pauses.map((p) => ({ startMs: p.startMs, endMs: p.endMs, source: p.source, sources: [...p.sources] })),
    videoMixed: row.videoMixed && { ...row.videoMixed },
    downloadable: row.downloadable,
    expiresAt: row.expiresAt,
    local,
    // A file on disk answers the question the error was about.
    downloadError: local.kind === 'downloaded' ? null : downloadError && { ...downloadError },
  };
}

const ENDED = new Set(['ended', 'fatal']);

export function libraryView(bot: Bot, rows: readonly SegmentRow[], errors: ReadonlyMap<string, ErrorSummary>, downloadDir: string | null): LibraryView {
  return {
    botId: bot.id,
    botName: bot.bot_name ?? null,
    ended: ENDED.has(liveRecordingState(bot)),
    rows: rows.map((row) => rowView(row, errors.get(row.recordingId) ?? null)),
    downloadDir,
  };
}

export function emptyView(downloadDir: string | null): LibraryView {
  return { botId: null, botName: null, ended: false, rows: [], downloadDir };
}

/** The row's pauses as offsets into its video (the file starts when the recording started). */
export function pauseOffsets(row: Pick<SegmentRowView, 'startedAt' | 'pauses'> | undefined): PreviewSourceView['pauses'] {
  if (!row || row.startedAt === null) return [];
  const start = row.startedAt;
  return row.pauses.map((p) => ({ startMs: Math.max(0, p.startMs - start), endMs: p.endMs === null ? null : Math.max(0, p.endMs - start) }));
}

/** True while Recall may still change a row without the bot's live state changing. */
export function awaitingRecall(rows: readonly SegmentRowView[]): boolean {
  return rows.some((row) => row.state === 'processing' || (row.state === 'done' && row.videoMixed?.statusCode === 'processing'));
}
