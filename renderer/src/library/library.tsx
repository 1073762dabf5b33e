// The segments library under the controls: every recording of the followed bot in a virtualized
// list (smooth at thousands of rows), Download all, per-row download / open / preview / link /
// clean-export actions, and its empty, loading, error and bot-ended states. Talks only to
// `window.recallRemote`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { Result } from '../../../electron/contract/result';
import type { LibraryView, SegmentRowView } from '../../../electron/contract/library';
import { downloadableCount } from './library-format';
import { PreviewDialog } from './preview-dialog';
import { SegmentRow, type RowAction, type RowFeedback } from './segment-row';
import { useExports, type ExportJobs } from './use-exports';
import { useLibrary } from './use-library';
import './library.css';

/** Every row has this height (px): the virtualizer positions rows without measuring them. */
export const ROW_HEIGHT = 150;
const LIST_MAX_HEIGHT = 456;
const INFO_LIFETIME_MS = 8_000;
const LINK_LIFETIME_H = 6;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

type Feedback = RowFeedback;

function SkeletonRows() {
  return (
    <div className="lib-skeleton" aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <div key={i} className="lib-skeleton-row">
          <span className="lib-skeleton-line lib-skeleton-short" />
          <span className="lib-skeleton-line" />
          <span className="lib-skeleton-bar" />
        </div>
      ))}
    </div>
  );
}

function EmptyState({ view }: { view: LibraryView }) {
  if (view.botId === null) {
    return (
      <div className="lib-empty" data-testid="library-empty">
        <p className="lib-empty-title">No bot selected</p>
        <p className="lib-empty-text">Pick or send a bot below: its recordings will be listed here.</p>
      </div>
    );
  }
  if (view.ended) {
    return (
      <div className="lib-empty" data-testid="library-empty">
        <p className="lib-empty-title">Nothing was recorded</p>
        <p className="lib-empty-text">{view.botName ?? 'This bot'} left the call without recording anything.</p>
      </div>
    );
  }
  return (
    <div className="lib-empty" data-testid="library-empty">
      <p className="lib-empty-title">No recordings yet</p>
      <p className="lib-empty-text">Press Start to record. Each start → stop becomes its own recording here, with its paused parts marked.</p>
    </div>
  );
}

function RowList({
  rows,
  busy,
  feedback,
  exports,
  onAction,
  label,
}: {
  rows: SegmentRowView[];
  busy: ReadonlyMap<string, RowAction>;
  feedback: ReadonlyMap<string, Feedback>;
  exports: ExportJobs;
  onAction(action: RowAction, row: SegmentRowView, trigger: HTMLElement): void;
  label: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's API is not compiler-memoizable by design; this list is not memoized.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    getItemKey: (index) => rows[index]?.recordingId ?? index,
  });
  const height = Math.min(rows.length * ROW_HEIGHT, LIST_MAX_HEIGHT);
  return (
    <div
      ref={scroller}
      className="lib-scroller"
      style={{ height }}
      tabIndex={rows.length * ROW_HEIGHT > LIST_MAX_HEIGHT ? 0 : -1}
      aria-label={`${label} (scrollable)`}
      data-testid="library-scroller"
    >
      <div role="list" aria-label={label} className="lib-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const note = feedback.get(row.recordingId) ?? null;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className="lib-item"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <SegmentRow row={row} busy={busy.get(row.recordingId) ?? null} feedback={note} exportJob={exports.get(row.recordingId) ?? null} onAction={onAction} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function Library({ api }: { api: RecallRemoteApi }) {
  const data = useLibrary(api);
  const [busy, setBusy] = useState<ReadonlyMap<string, RowAction>>(new Map());
  const [feedback, setFeedback] = useState<ReadonlyMap<string, Feedback>>(new Map());
  const [bulk, setBulk] = useState<{ busy: boolean; note: Feedback | null }>({ busy: false, note: null });
  const [preview, setPreview] = useState<{ row: SegmentRowView; trigger: HTMLElement } | null>(null);
  const timers = useRef(new Map<string, number>());
  const { announce } = data;
  const numbers = useRef(new Map<string, number>());
  const onExportNews = useCallback(
    (recordingId: string, text: string) => {
      const number = numbers.current.get(recordingId);
      announce(number === undefined ? `Clean export: ${text}` : `Recording ${number}: ${text}`);
    },
    [announce],
  );
  const exports = useExports(api, onExportNews);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, []);

  const forget = useCallback((recordingId: string) => {
    const old = timers.current.get(recordingId);
    if (old !== undefined) window.clearTimeout(old);
    timers.current.delete(recordingId);
    setFeedback((current) => {
      if (!current.has(recordingId)) return current;
      const next = new Map(current);
      next.delete(recordingId);
      return next;
    });
  }, []);

  const note = useCallback(
    (recordingId: string, value: Feedback | null) => {
      forget(recordingId);
      if (!value) return;
      setFeedback((current) => new Map(current).set(recordingId, value));
      // Confirmations fade; errors stay until the next action on the row.
      if (value.level === 'info') {
        timers.current.set(recordingId, window.setTimeout(() => forget(recordingId), value.link ? INFO_LIFETIME_MS * 4 : INFO_LIFETIME_MS));
      }
    },
    [forget],
  );

  const run = useCallback(
    async <T,>(row: SegmentRowView, action: RowAction, call: () => Promise<Result<T>>, onOk?: (value: T) => Promise<Feedback | null> | Feedback | null) => {
      setBusy((current) => new Map(current).set(row.recordingId, action));
      note(row.recordingId, null);
      try {
        const result = await call();
        if (!result.ok) {
          note(row.recordingId, { level: 'error', text: result.error.message });
          announce(`Recording ${row.number}: ${result.error.message}`);
          return;
        }
        const done = onOk ? await onOk(result.value) : null;
        if (done) {
          note(row.recordingId, done);
          announce(`Recording ${row.number}: ${done.text}`);
        }
      } catch (error) {
        note(row.recordingId, { level: 'error', text: error instanceof Error ? error.message : String(error) });
      } finally {
        setBusy((current) => {
          const next = new Map(current);
          next.delete(row.recordingId);
          return next;
        });
      }
    },
    [note, announce],
  );

  const onAction = useCallback(
    (action: RowAction, row: SegmentRowView, trigger: HTMLElement) => {
      const id = row.recordingId;
      switch (action) {
        case 'export':
          note(id, null);
          // Progress and the outcome arrive as export events (the row shows them); a failure is
          // also kept as the row's note until its next action (a cancel is not a failure).
          api.exportClean(id).then(
            (result) => {
              if (result.ok || result.error.kind === 'aborted') return;
              note(id, { level: 'error', text: result.error.message });
              announce(`Recording ${row.number}: ${result.error.message}`);
            },
            (error: unknown) => note(id, { level: 'error', text: error instanceof Error ? error.message : String(error) }),
          );
          return;
        case 'cancel-export':
          void run(row, action, () => api.cancelExport(id));
          return;
        case 'open-export':
          void run(row, action, () => api.openExport(id), () => ({ level: 'info', text: 'Opened the clean copy in your video player' }));
          return;
        case 'show-export':
          void run(row, action, () => api.showExportInFolder(id), () => ({ level: 'info', text: 'Clean copy shown in your file manager' }));
          return;
        case 'download':
          void run(row, action, () => api.downloadRecording(id));
          return;
        case 'cancel':
          void run(row, action, () => api.cancelDownload(id), (v) => (v.cancelled ? null : { level: 'info', text: 'Nothing was downloading' }));
          return;
        case 'discard':
          void run(row, action, () => api.cancelDownload(id, true), () => ({ level: 'info', text: 'Partial download discarded' }));
          return;
        case 'open':
          void run(row, action, () => api.openRecording(id), () => ({ level: 'info', text: 'Opened in your video player' }));
          return;
        case 'show':
          void run(row, action, () => api.showRecordingInFolder(id), () => ({ level: 'info', text: 'Shown in your file manager' }));
          return;
        case 'preview':
          setPreview({ row, trigger });
          return;
        case 'copy':
          void run(row, action, () => api.copyDownloadLink(id), async (link) => {
            const until = link.expiresAt === null ? '' : ` (until ${timeOfDay.format(new Date(link.expiresAt))})`;
            const lifetime = `it works for ${LINK_LIFETIME_H} h${until}`;
            try {
              await navigator.clipboard.writeText(link.url);
              return { level: 'info', text: `Link copied — ${lifetime}` };
            } catch {
              return { level: 'info', text: `Copy this link — ${lifetime}:`, link: link.url };
            }
          });
          return;
      }
    },
    [api, run, note, announce],
  );

  const closePreview = useCallback(() => {
    const trigger = preview?.trigger;
    setPreview(null);
    // The row may have re-rendered meanwhile: fall back to its Preview button by name.
    window.requestAnimationFrame(() => {
      if (trigger?.isConnected) trigger.focus();
      else if (preview) document.querySelector<HTMLElement>(`[data-recording-id="${preview.row.recordingId}"] .lib-action`)?.focus();
    });
  }, [preview]);

  const view = data.view.status === 'ready' ? data.view.value : null;
  const rows = view?.rows ?? [];
  useEffect(() => {
    numbers.current = new Map((view?.rows ?? []).map((r) => [r.recordingId, r.number]));
  }, [view]);
  const pendingCount = downloadableCount(rows);
  const title = view?.botName ? `Recordings of ${view.botName}` : 'Recordings';

  const downloadAll = () => {
    if (!view?.botId) return;
    setBulk({ busy: true, note: null });
    api.downloadAll(view.botId).then(
      (result) => {
        const text = result.ok
          ? result.value.recordingIds.length === 0
            ? 'Everything is already downloaded'
            : `Downloading ${result.value.recordingIds.length} ${result.value.recordingIds.length === 1 ? 'recording' : 'recordings'}`
          : result.error.message;
        setBulk({ busy: false, note: { level: result.ok ? 'info' : 'error', text } });
        announce(text);
      },
      (error: unknown) => setBulk({ busy: false, note: { level: 'error', text: String(error) } }),
    );
  };

  return (
    <section className="library" aria-labelledby="library-title" data-testid="library">
      <div className="lib-head">
        <h2 id="library-title" className="section-title">
          Recordings{view && view.rows.length > 0 ? <span className="lib-count"> · {view.rows.length}</span> : null}
        </h2>
        {view && view.rows.length > 0 && (
          <button type="button" className="button button-small" onClick={downloadAll} disabled={bulk.busy || pendingCount === 0} aria-busy={bulk.busy}>
            {pendingCount > 0 ? `Download all (${pendingCount})` : 'All downloaded'}
          </button>
        )}
      </div>
      {bulk.note && <p className={`lib-status lib-status-${bulk.note.level} lib-bulk-note`}>{bulk.note.text}</p>}

      {view?.ended && view.rows.length > 0 && (
        <p className="lib-banner" data-testid="library-ended">
          <strong>{view.botName ?? 'The bot'} has left the call.</strong> No new recordings will come; these stay downloadable until Recall deletes them.
        </p>
      )}

      {data.view.status === 'loading' && (
        <div className="lib-loading" data-testid="library-loading">
          <p className="lib-loading-text" role="status">
            Loading recordings…
          </p>
          <SkeletonRows />
        </div>
      )}
      {data.view.status === 'error' && (
        <div className="lib-error" role="alert" data-testid="library-error">
          <p>
            <strong>The recordings could not be loaded.</strong> {data.view.error.message}
          </p>
          <button type="button" className="button button-small" onClick={data.reload}>
            Retry
          </button>
        </div>
      )}
      {view && view.rows.length === 0 && <EmptyState view={view} />}
      {view && view.rows.length > 0 && <RowList rows={rows} busy={busy} feedback={feedback} exports={exports} onAction={onAction} label={title} />}
      {view?.downloadDir && view.rows.length > 0 && (
        <p className="lib-foot" title={view.downloadDir}>
          Downloads go to <span className="lib-path">{view.downloadDir}</span>
        </p>
      )}

      <p className="visually-hidden" aria-live="polite" data-testid="library-announcement">
        {data.announcement}
      </p>
      {preview && <PreviewDialog api={api} row={rows.find((r) => r.recordingId === preview.row.recordingId) ?? preview.row} onClose={closePreview} />}
    </section>
  );
}
