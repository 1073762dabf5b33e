// The segments list's data: read once from the core, then kept current by `library:changed`
// (whole view) and `library:progress` (one row's download progress), with a sentence for screen
// readers whenever a download finishes or fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { LibraryProgress, LibraryView, SegmentRowView } from '../../../electron/contract/library';
import type { Loadable } from '../hooks/loadable';
import { thrownError } from '../hooks/loadable';

export interface LibraryData {
  view: Loadable<LibraryView>;
  /** Reads the list again (after an error). */
  reload(): void;
  /** The latest download outcome in words, for an aria-live region. */
  announcement: string;
  announce(text: string): void;
}

function label(row: SegmentRowView): string {
  return `Recording ${row.number}`;
}

/** What finished or failed between two views, in words; null when nothing did. */
export function downloadNews(before: LibraryView | null, after: LibraryView): string | null {
  if (!before || before.botId !== after.botId) return null;
  const previous = new Map(before.rows.map((r) => [r.recordingId, r]));
  const news: string[] = [];
  for (const row of after.rows) {
    const old = previous.get(row.recordingId);
    if (!old) continue;
    const wasBusy = old.local.kind === 'queued' || old.local.kind === 'downloading';
    if (row.local.kind === 'downloaded' && old.local.kind !== 'downloaded') news.push(`${label(row)} downloaded: ${row.local.fileName}`);
    else if (row.downloadError && !old.downloadError) news.push(`${label(row)} download failed: ${row.downloadError.message}`);
    else if (wasBusy && row.local.kind === 'partial' && row.local.reason === 'paused') news.push(`${label(row)} download paused`);
  }
  return news.length > 0 ? news.join('. ') : null;
}

function withProgress(view: LibraryView, update: LibraryProgress): LibraryView {
  let changed = false;
  const rows = view.rows.map((row) => {
    if (row.recordingId !== update.recordingId) return row;
    // A late progress event must not undo a finished or cancelled download.
    if (row.local.kind !== 'queued' && row.local.kind !== 'downloading') return row;
    changed = true;
    return { ...row, local: { kind: 'downloading' as const, ...update.progress } };
  });
  return changed ? { ...view, rows } : view;
}

export function useLibrary(api: RecallRemoteApi): LibraryData {
  const [view, setView] = useState<Loadable<LibraryView>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const shown = useRef<LibraryView | null>(null);

  const accept = useCallback((next: LibraryView) => {
    const news = downloadNews(shown.current, next);
    shown.current = next;
    if (news) setAnnouncement(news);
    setView({ status: 'ready', value: next });
  }, []);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const offChanged = api.onLibraryChanged((next) => {
      pushed = true;
      if (live) accept(next);
    });
    const offProgress = api.onLibraryProgress((update) => {
      if (!live) return;
      setView((current) => (current.status === 'ready' ? { status: 'ready', value: withProgress(current.value, update) } : current));
    });
    api.listLibrary().then(
      (result) => {
        if (!live || pushed) return;
        if (result.ok) accept(result.value);
        else setView({ status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live && !pushed) setView({ status: 'error', error: thrownError(error) });
      },
    );
    return () => {
      live = false;
      offChanged();
      offProgress();
    };
  }, [api, accept, generation]);

  const reload = useCallback(() => {
    setView({ status: 'loading' });
    setGeneration((n) => n + 1);
  }, []);

  return { view, reload, announcement, announce: setAnnouncement };
}
