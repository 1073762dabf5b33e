// One recording in the segments list, at a fixed height (the list is virtualized and must not
// shift): number, state badge, time range, recorded / paused durations, timeline, media status,
// the local file (progress while downloading or exporting a clean copy) and the actions that fit
// its state — Download / Open / Preview up front, the rest behind the "⋯" menu.
import { memo } from 'react';
import type { ExportJobView } from '../../../electron/contract/export';
import type { SegmentRowView } from '../../../electron/contract/library';
import { formatDuration } from '../lib/format';
import {
  STATE_LABELS,
  durationOrDash,
  formatBytes,
  formatBytesOf,
  isOnDisk,
  mediaLabel,
  notDownloadableReason,
  pauseSegments,
  progressText,
  timeRange,
} from './library-format';
import { RowMenu, type RowMenuItem } from './row-menu';
import { TimelineBar, timelineLabel } from './timeline-bar';

export type RowAction = 'download' | 'cancel' | 'discard' | 'open' | 'show' | 'preview' | 'copy' | 'export' | 'cancel-export' | 'open-export' | 'show-export';

export interface RowFeedback {
  level: 'info' | 'error';
  text: string;
  /** A link the clipboard refused: shown selectable so it can be copied by hand. */
  link?: string;
}

interface SegmentRowProps {
  row: SegmentRowView;
  /** The action in flight for this row, if any. */
  busy: RowAction | null;
  feedback: RowFeedback | null;
  /** This recording's last clean export in this session. */
  exportJob: ExportJobView | null;
  onAction(action: RowAction, row: SegmentRowView, trigger: HTMLElement): void;
}

function ProgressLine({ row }: { row: SegmentRowView }) {
  const local = row.local;
  if (local.kind === 'queued') {
    return (
      <div className="lib-progress" role="progressbar" aria-label={`Recording ${row.number} download`} aria-valuetext="Waiting to start">
        <span className="lib-progress-track">
          <span className="lib-progress-fill lib-progress-waiting" />
        </span>
        <span className="lib-progress-text">Waiting to start…</span>
      </div>
    );
  }
  if (local.kind !== 'downloading') return null;
  const percent = local.percent ?? 0;
  const text = progressText(local);
  return (
    <div
      className="lib-progress"
      role="progressbar"
      aria-label={`Recording ${row.number} download`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(percent)}
      aria-valuetext={text}
      data-testid="download-progress"
    >
      <span className="lib-progress-track">
        <span className="lib-progress-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="lib-progress-text">{text}</span>
    </div>
  );
}

function ExportProgressLine({ row, fraction }: { row: SegmentRowView; fraction: number }) {
  const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
  const text = `Exporting clean copy… ${percent}%`;
  return (
    <div
      className="lib-progress lib-progress-export"
      role="progressbar"
      aria-label={`Recording ${row.number} clean export`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
      data-testid="export-progress"
    >
      <span className="lib-progress-track">
        <span className="lib-progress-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="lib-progress-text">{text}</span>
    </div>
  );
}

function exportSummary(job: Extract<ExportJobView, { status: 'done' }>): string {
  const { cuts, removedSec, fileName } = job.result;
  const removed = cuts.length === 0 ? 'no pause to cut' : `${cuts.length} ${cuts.length === 1 ? 'pause' : 'pauses'} cut (${formatDuration(removedSec * 1000)})`;
  // The name goes last: the line is narrow, and its title holds the whole path.
  return `Clean copy saved · ${removed} · ${fileName}`;
}

function StatusLine({ row, feedback, exportJob }: { row: SegmentRowView; feedback: RowFeedback | null; exportJob: ExportJobView | null }) {
  if (exportJob?.status === 'running' && feedback?.level !== 'error') return <ExportProgressLine row={row} fraction={exportJob.fraction} />;
  if (!feedback && exportJob?.status === 'failed') {
    return (
      <p className="lib-status lib-status-error" title={exportJob.error.message}>
        Clean export failed: {exportJob.error.message}
      </p>
    );
  }
  if (!feedback && exportJob?.status === 'done') {
    const warning = exportJob.result.warning;
    return (
      <p className={`lib-status ${warning ? 'lib-status-warn' : 'lib-status-ok'}`} title={warning ? `${exportJob.result.outputPath} — ${warning}` : exportJob.result.outputPath} data-testid="export-done">
        <span className="lib-check" aria-hidden="true">✓</span> {exportSummary(exportJob)}
        {warning ? ` · ${warning}` : ''}
      </p>
    );
  }
  if (feedback?.link) {
    return (
      <label className="lib-status lib-link-fallback">
        <span>{feedback.text}</span>
        <input className="input lib-link-input" readOnly value={feedback.link} onFocus={(event) => event.currentTarget.select()} />
      </label>
    );
  }
  if (feedback) {
    return (
      <p className={`lib-status lib-status-${feedback.level}`} role={feedback.level === 'error' ? 'alert' : undefined}>
        {feedback.text}
      </p>
    );
  }
  const local = row.local;
  if (local.kind === 'queued' || local.kind === 'downloading') return <ProgressLine row={row} />;
  if (row.downloadError && local.kind !== 'partial') return <p className="lib-status lib-status-error">Download failed: {row.downloadError.message}</p>;
  switch (local.kind) {
    case 'downloaded':
      return (
        <p className="lib-status lib-status-ok" title={local.path}>
          <span className="lib-check" aria-hidden="true">✓</span> Downloaded · {formatBytes(local.size)}
        </p>
      );
    case 'changed':
      return <p className="lib-status lib-status-warn">Changed on disk since the download ({formatBytes(local.actualSize)})</p>;
    case 'missing':
      return <p className="lib-status lib-status-warn">The file was moved or deleted</p>;
    case 'partial': {
      const done = local.total ? `${Math.floor(local.percent ?? 0)}% · ${formatBytesOf(local.bytes, local.total)}` : formatBytes(local.bytes);
      if (local.reason === 'failed') return <p className="lib-status lib-status-error">Stopped at {done}: {local.error?.message ?? row.downloadError?.message ?? 'download failed'}</p>;
      return <p className="lib-status">{local.reason === 'paused' ? 'Paused' : 'Interrupted'} at {done}</p>;
    }
    default: {
      const reason = notDownloadableReason(row);
      return <p className="lib-status lib-status-muted">{reason ?? 'Not downloaded yet'}</p>;
    }
  }
}

const ACTION_NAMES: Record<RowAction, string> = {
  download: 'Download',
  cancel: 'Cancel download of',
  discard: 'Discard the partial download of',
  open: 'Open',
  show: 'Show in folder',
  preview: 'Preview',
  copy: 'Copy download link of',
  export: 'Export a clean copy of',
  'cancel-export': 'Cancel the clean export of',
  'open-export': 'Open the clean copy of',
  'show-export': 'Show the clean copy in its folder of',
};

function ActionButton({ label, action, row, busy, onAction, primary = false, disabled = false }: {
  label: string;
  action: RowAction;
  row: SegmentRowView;
  busy: RowAction | null;
  onAction: SegmentRowProps['onAction'];
  primary?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button button-small lib-action${primary ? ' button-primary' : ''}`}
      aria-label={`${ACTION_NAMES[action]} recording ${row.number}`}
      disabled={disabled || busy !== null}
      aria-busy={busy === action}
      onClick={(event) => onAction(action, row, event.currentTarget)}
    >
      {label}
    </button>
  );
}

function Actions({ row, busy, exportJob, onAction }: Omit<SegmentRowProps, 'feedback'>) {
  const local = row.local;
  // Nothing can be done with a running, overwritten or deleted recording: the status line says why.
  if (!row.downloadable && local.kind === 'not_downloaded') return null;
  const common = { row, busy, onAction };
  const canStream = row.downloadable || isOnDisk(local);
  const preview = <ActionButton {...common} label="Preview" action="preview" disabled={!canStream} />;
  const exporting = exportJob?.status === 'running';
  const exported = exportJob?.status === 'done';

  const menu: RowMenuItem[] = [];
  const item = (action: RowAction, label: string) => ({ id: action, label, onSelect: () => onAction(action, row, document.activeElement instanceof HTMLElement ? document.activeElement : document.body) });
  if (local.kind === 'downloaded' && !exporting) menu.push(item('export', exported ? 'Export clean again' : 'Export clean (cut the pauses)'));
  if (exported) menu.push(item('show-export', 'Show clean copy in folder'));
  if (isOnDisk(local)) menu.push(item('show', 'Show in folder'));
  if (row.downloadable) menu.push(item('copy', 'Copy download link'));
  const more = <RowMenu label={`More actions for recording ${row.number}`} items={menu} disabled={busy !== null} />;

  if (local.kind === 'queued' || local.kind === 'downloading') {
    return (
      <>
        <ActionButton {...common} label="Cancel" action="cancel" />
        {preview}
        {more}
      </>
    );
  }
  if (isOnDisk(local)) {
    return (
      <>
        <ActionButton {...common} label="Open" action="open" primary />
        {preview}
        {exporting && <ActionButton {...common} label="Cancel export" action="cancel-export" />}
        {exported && <ActionButton {...common} label="Open clean" action="open-export" />}
        {local.kind === 'changed' && <ActionButton {...common} label="Download again" action="download" disabled={!row.downloadable} />}
        {more}
      </>
    );
  }
  if (local.kind === 'partial') {
    return (
      <>
        <ActionButton {...common} label="Resume" action="download" primary disabled={!row.downloadable} />
        <ActionButton {...common} label="Discard" action="discard" />
        {preview}
        {more}
      </>
    );
  }
  return (
    <>
      <ActionButton {...common} label={local.kind === 'missing' ? 'Download again' : 'Download'} action="download" primary disabled={!row.downloadable} />
      {preview}
      {more}
    </>
  );
}

export const SegmentRow = memo(function SegmentRow({ row, busy, feedback, exportJob, onAction }: SegmentRowProps) {
  const length = row.durationMs ?? 0;
  const segments = row.startedAt === null ? [] : pauseSegments(row.pauses, row.startedAt, length);
  const range = timeRange(row);
  const faded = row.state === 'overwritten' || row.state === 'deleted';
  const media = mediaLabel(row);
  return (
    <div className={`lib-row${faded ? ' lib-row-faded' : ''}`} data-testid="segment-row" data-recording-id={row.recordingId} data-state={row.state} data-local={row.local.kind}>
      <div className="lib-row-top">
        <span className="lib-num" aria-label={`Recording ${row.number}`}>
          #{row.number}
        </span>
        <span className={`lib-badge lib-badge-${row.state}`}>{STATE_LABELS[row.state]}</span>
        <span className="lib-time">{range}</span>
      </div>
      <p className="lib-durations">
        <span>
          Recorded <strong>{durationOrDash(row.recordedMs)}</strong>
        </span>
        <span aria-hidden="true">·</span>
        <span>
          Paused <strong>{row.pausedMs === null ? '–:––:––' : formatDuration(row.pausedMs)}</strong>
          {row.pauses.length > 0 && <span className="lib-pause-count"> ({row.pauses.length}×)</span>}
        </span>
        {media && <span className={`lib-media lib-media-${row.videoMixed?.statusCode ?? 'none'}`}>{media}</span>}
      </p>
      <TimelineBar segments={segments} label={timelineLabel(row.recordedMs, row.pausedMs, row.pauses.length)} muted={faded} />
      <div className="lib-row-status">
        <StatusLine row={row} feedback={feedback} exportJob={exportJob} />
      </div>
      <div className="lib-row-actions">
        <Actions row={row} busy={busy} exportJob={exportJob} onAction={onAction} />
      </div>
    </div>
  );
});
