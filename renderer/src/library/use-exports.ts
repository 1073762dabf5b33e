// The clean exports of this session, per recording: read once from the core, then kept current by
// `export:changed` (started, done, failed, cancelled) and `export:progress` (a running one's
// fraction), with a sentence for screen readers whenever one finishes or fails.
import { useEffect, useRef, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { ExportJobView } from '../../../electron/contract/export';

export type ExportJobs = ReadonlyMap<string, ExportJobView>;

/** What finished, in words ("clean copy saved as …"); null for a start or anything not running before. */
export function exportNews(before: ExportJobView | undefined, after: ExportJobView): string | null {
  if (before?.status !== 'running') return null;
  switch (after.status) {
    case 'done':
      return `clean copy saved as ${after.result.fileName}`;
    case 'failed':
      return `clean export failed — ${after.error.message}`;
    case 'cancelled':
      return 'clean export cancelled';
    default:
      return null;
  }
}

export function useExports(api: RecallRemoteApi, onNews: (recordingId: string, text: string) => void): ExportJobs {
  const [jobs, setJobs] = useState<ExportJobs>(new Map());
  const news = useRef(onNews);
  useEffect(() => {
    news.current = onNews;
  }, [onNews]);

  useEffect(() => {
    let live = true;
    const known = new Map<string, ExportJobView>();
    const pushed = new Set<string>();
    const show = () => {
      if (live) setJobs(new Map(known));
    };
    const offChanged = api.onExportChanged((job) => {
      const before = known.get(job.recordingId);
      known.set(job.recordingId, job);
      pushed.add(job.recordingId);
      const text = exportNews(before, job);
      if (live && text !== null) news.current(job.recordingId, text);
      show();
    });
    const offProgress = api.onExportProgress(({ recordingId, fraction }) => {
      const job = known.get(recordingId);
      // A late progress event must not undo a finished or cancelled export.
      if (job?.status !== 'running' || job.fraction >= fraction) return;
      known.set(recordingId, { ...job, fraction });
      show();
    });
    api.listExports().then(
      (result) => {
        if (!result.ok) return;
        // Pushed events are at least as fresh as the list.
        for (const job of result.value) if (!pushed.has(job.recordingId)) known.set(job.recordingId, job);
        show();
      },
      () => undefined,
    );
    return () => {
      live = false;
      offChanged();
      offProgress();
    };
  }, [api]);

  return jobs;
}
