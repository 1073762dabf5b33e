// A recording's timeline as a thin bar: recorded time solid, paused spans hatched. The same
// picture sits under the preview video, where it also shows the playhead.
import { formatDuration, spokenDuration } from '../lib/format';
import type { TimelineSegment } from './library-format';

interface TimelineBarProps {
  segments: readonly TimelineSegment[];
  /** Spoken summary, e.g. "Recorded 0:25:00, paused 0:05:00 in 1 pause". */
  label: string;
  /** 0..1; shown as a playhead when given. */
  playhead?: number | null;
  size?: 'row' | 'player';
  muted?: boolean;
}

export function TimelineBar({ segments, label, playhead = null, size = 'row', muted = false }: TimelineBarProps) {
  return (
    <div className={`lib-timeline lib-timeline-${size}${muted ? ' lib-timeline-muted' : ''}`} role="img" aria-label={label}>
      {segments.map((s) => (
        <span key={`${s.from}-${s.to}`} className="lib-timeline-pause" style={{ left: `${s.from * 100}%`, width: `${Math.max(0.6, (s.to - s.from) * 100)}%` }} />
      ))}
      {playhead !== null && <span className="lib-timeline-playhead" style={{ left: `${Math.min(1, Math.max(0, playhead)) * 100}%` }} />}
    </div>
  );
}

export function timelineLabel(recordedMs: number | null, pausedMs: number | null, pauses: number): string {
  if (recordedMs === null) return 'Timeline not known yet';
  const recorded = `Recorded ${spokenDuration(recordedMs)}`;
  if (!pausedMs || pauses === 0) return `${recorded}, never paused`;
  return `${recorded}, paused ${spokenDuration(pausedMs)} in ${pauses} ${pauses === 1 ? 'pause' : 'pauses'}`;
}

export function shortTimelineTitle(recordedMs: number | null, pausedMs: number | null): string {
  if (recordedMs === null) return '';
  return `Recorded ${formatDuration(recordedMs)} · paused ${formatDuration(pausedMs ?? 0)}`;
}
