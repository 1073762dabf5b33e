// Words and numbers of the segments list: state and media labels, sizes, rates, ETAs, the
// locale time range of a recording, and where the pauses sit on its timeline.
import type { LocalFileView, PauseSpanView, SegmentRowView, SegmentStateView } from '../../../electron/contract/library';
import { formatDuration } from '../lib/format';

export const STATE_LABELS: Record<SegmentStateView, string> = {
  recording: 'Recording',
  paused: 'Paused',
  processing: 'Processing',
  done: 'Done',
  failed: 'Failed',
  deleted: 'Deleted',
  overwritten: 'Overwritten',
  unknown: 'Unknown',
};

/** Why a row cannot be downloaded, or null when it can. */
export function notDownloadableReason(row: SegmentRowView): string | null {
  if (row.downloadable) return null;
  switch (row.state) {
    case 'recording':
    case 'paused':
      return 'Still recording — stop it to get its MP4';
    case 'overwritten':
      return 'A later Start overwrote this recording';
    case 'deleted':
      return 'Recall deleted this recording';
    case 'failed':
      return 'The recording failed';
    default:
      break;
  }
  const video = row.videoMixed;
  if (!video) return 'No MP4 was requested for this recording';
  if (video.statusCode === 'processing' || row.state === 'processing') return 'Recall is still processing the MP4';
  return `The MP4 is not available (${video.statusCode})`;
}

/** The MP4's status in words; empty while still recording (the status line says so). */
export function mediaLabel(row: SegmentRowView): string {
  if (row.state === 'overwritten') return 'No MP4 (overwritten)';
  if (row.state === 'recording' || row.state === 'paused') return '';
  const video = row.videoMixed;
  if (!video) return 'No MP4';
  switch (video.statusCode) {
    case 'done':
      return 'MP4 ready';
    case 'processing':
      return 'MP4 processing';
    case 'failed':
      return 'MP4 failed';
    case 'deleted':
      return 'MP4 deleted';
    default:
      return `MP4 ${video.statusCode.replace(/_/g, ' ')}`;
  }
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units as file managers show them: "12.3 MB". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number | null): string | null {
  return bytesPerSecond === null || !Number.isFinite(bytesPerSecond) ? null : `${formatBytes(bytesPerSecond)}/s`;
}

/** "8 s left", "2 min left", "1 h 5 min left". */
export function formatEta(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s left`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function formatPercent(percent: number | null): string | null {
  return percent === null ? null : `${Math.floor(percent)}%`;
}

/** "12.3 of 27.0 MB" (one unit when both share it), "850 KB of 1.2 MB". */
export function formatBytesOf(bytes: number, total: number): string {
  const done = formatBytes(bytes);
  const all = formatBytes(total);
  const unit = all.slice(all.lastIndexOf(' '));
  return done.endsWith(unit) ? `${done.slice(0, -unit.length)} of ${all}` : `${done} of ${all}`;
}

/** The progress line of a download: "45% · 12.3 of 27.0 MB · 1.2 MB/s · 8 s left". */
export function progressText(p: { bytes: number; total: number | null; percent: number | null; rateBps: number | null; etaMs: number | null }): string {
  const size = p.total === null ? formatBytes(p.bytes) : formatBytesOf(p.bytes, p.total);
  return [formatPercent(p.percent), size, formatRate(p.rateBps), formatEta(p.etaMs)].filter((part): part is string => part !== null).join(' · ');
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Today 10:02 – 10:32", "Tue, 4 Mar 10:02 – 10:32", "10:02 – now". */
export function timeRange(row: Pick<SegmentRowView, 'startedAt' | 'completedAt' | 'state'>, now = new Date()): string {
  if (row.startedAt === null) return 'Start time unknown';
  const start = new Date(row.startedAt);
  const day = sameDay(start, now) ? 'Today' : dayFormat.format(start);
  const end = row.completedAt === null ? (row.state === 'recording' || row.state === 'paused' ? 'now' : '?') : timeFormat.format(new Date(row.completedAt));
  return `${day} ${timeFormat.format(start)} – ${end}`;
}

export function durationOrDash(ms: number | null): string {
  return ms === null ? '–:––:––' : formatDuration(ms);
}

export interface TimelineSegment {
  /** Fractions of the recording's length, 0..1. */
  from: number;
  to: number;
}

/** Paused parts of a recording as fractions of its length, merged and clipped. */
export function pauseSegments(pauses: ReadonlyArray<Pick<PauseSpanView, 'startMs' | 'endMs'>>, startMs: number, lengthMs: number): TimelineSegment[] {
  if (!(lengthMs > 0)) return [];
  const out: TimelineSegment[] = [];
  for (const p of [...pauses].sort((a, b) => a.startMs - b.startMs)) {
    const from = Math.min(1, Math.max(0, (p.startMs - startMs) / lengthMs));
    const to = p.endMs === null ? 1 : Math.min(1, Math.max(0, (p.endMs - startMs) / lengthMs));
    if (to <= from) continue;
    const last = out.at(-1);
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else out.push({ from, to });
  }
  return out;
}

export function isOnDisk(local: LocalFileView): local is Extract<LocalFileView, { kind: 'downloaded' | 'changed' }> {
  return local.kind === 'downloaded' || local.kind === 'changed';
}

export function isTransferring(local: LocalFileView): boolean {
  return local.kind === 'queued' || local.kind === 'downloading';
}

/** Rows "Download all" would fetch. */
export function downloadableCount(rows: readonly SegmentRowView[]): number {
  return rows.filter((r) => r.downloadable && (r.local.kind === 'not_downloaded' || r.local.kind === 'partial')).length;
}
