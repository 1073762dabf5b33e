// One recording in the segments list, at a fixed height (the list is virtualized and must not
// shift): number, state badge, time range, recorded / paused durations, timeline, media status,
// the local file (progress while downloading) and the actions that fit its state.
import { memo } from 'react';
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
import { TimelineBar, timelineLabel } from './timeline-bar';

export type RowAction = 'download' | 'cancel' | 'discard' | 'open' | 'show' | 'preview' | 'copy';

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
  onAction(action: RowAction, row: SegmentRowView, trigger: HTMLButtonElement): void;
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

function StatusLine({ row, feedback }: { row: SegmentRowView; feedback: RowFeedback | null }) {
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

function ActionButton({ label, action, row, busy, onAction, primary = false, disabled = false }: {
  label: string;
  action: RowAction;
  row: SegmentRowView;
  busy: RowAction | null;
  onAction: SegmentRowProps['onAction'];
  primary?: boolean;
  disabled?: boolean;
}) {
  const names: Record<RowAction, string> = {
    download: 'Download',
    cancel: 'Cancel download of',
    discard: 'Discard the partial download of',
    open: 'Open',
    show: 'Show in folder',
    preview: 'Preview',
    copy: 'Copy download link of',
  };
  return (
    <button
      type="button"
      className={`button button-small lib-action${primary ? ' button-primary' : ''}`}
      aria-label={`${names[action]} recording ${row.number}`}
      disabled={disabled || busy !== null}
      aria-busy={busy === action}
      onClick={(event) => onAction(action, row, event.currentTarget)}
    >
      {label}
    </button>
  );
}

function Actions({ row, busy, onAction }: Omit<SegmentRowProps, 'feedback'>) {
  const local = row.local;
  // Nothing can be done with a running, overwritten or deleted recording: the status line says why.
  if (!row.downloadable && local.kind === 'not_downloaded') return null;
  const common = { row, busy, onAction };
  const canStream = row.downloadable || isOnDisk(local);
  const preview = <ActionButton {...common} label="Preview" action="preview" disabled={!canStream} />;
  const copy = <ActionButton {...common} label="Copy link" action="copy" disabled={!row.downloadable} />;
  if (local.kind === 'queued' || local.kind === 'downloading') {
    return (
      <>
        <ActionButton {...common} label="Cancel" action="cancel" />
        {preview}
        {copy}
      </>
    );
  }
  if (isOnDisk(local)) {
    return (
      <>
        <ActionButton {...common} label="Open" action="open" primary />
        <ActionButton {...common} label="Show in folder" action="show" />
        {preview}
        {local.kind === 'changed' ? <ActionButton {...common} label="Download again" action="download" disabled={!row.downloadable} /> : copy}
      </>
    );
  }
  if (local.kind === 'partial') {
    return (
      <>
        <ActionButton {...common} label="Resume" action="download" primary disabled={!row.downloadable} />
        <ActionButton {...common} label="Discard" action="discard" />
        {preview}
        {copy}
      </>
    );
  }
  return (
    <>
      <ActionButton {...common} label={local.kind === 'missing' ? 'Download again' : 'Download'} action="download" primary disabled={!row.downloadable} />
      {preview}
      {copy}
    </>
  );
}

export const SegmentRow = memo(function SegmentRow({ row, busy, feedback, onAction }: SegmentRowProps) {
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
        <StatusLine row={row} feedback={feedback} />
      </div>
      <div className="lib-row-actions">
        <Actions row={row} busy={busy} onAction={onAction} />
      </div>
    </div>
  );
});
