// The preview player: a modal dialog (Esc closes, focus kept inside, then given back) with the
// recording's video — the downloaded file, or streamed from a fresh Recall link — the same
// timeline underneath with the pauses marked, "Skip paused parts", and keyboard controls.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { PreviewSourceView, SegmentRowView } from '../../../electron/contract/library';
import type { Loadable } from '../hooks/loadable';
import { thrownError } from '../hooks/loadable';
import { formatDuration } from '../lib/format';
import { pauseSegments, timeRange } from './library-format';
import { TimelineBar, timelineLabel } from './timeline-bar';

interface PreviewDialogProps {
  api: RecallRemoteApi;
  row: SegmentRowView;
  onClose(): void;
}

const SEEK_SMALL_S = 5;
const SEEK_LARGE_S = 10;
/** A jump lands this far past a pause's end so the next timeupdate is clearly outside it. */
const PAST_PAUSE_S = 0.05;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, video[controls], [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !el.hasAttribute('disabled') && el.getAttribute('aria-hidden') !== 'true',
  );
}

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
}

export function PreviewDialog({ api, row, onClose }: PreviewDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const playButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const hintId = useId();
  const [source, setSource] = useState<Loadable<PreviewSourceView>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [current, setCurrent] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [skipPauses, setSkipPauses] = useState(false);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<string>('');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    api.previewSource(row.recordingId).then(
      (result) => {
        if (live) setSource(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live) setSource({ status: 'error', error: thrownError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, row.recordingId, attempt]);

  useEffect(() => {
    if (source.status === 'ready') playButton.current?.focus();
  }, [source.status]);

  const ready = source.status === 'ready' ? source.value : null;
  const pauses = ready?.pauses ?? [];
  const lengthS = duration ?? (ready?.durationMs != null ? ready.durationMs / 1000 : null);

  const seekTo = useCallback(
    (seconds: number) => {
      const element = video.current;
      if (!element) return;
      const limit = Number.isFinite(element.duration) ? element.duration : (lengthS ?? seconds);
      element.currentTime = Math.min(Math.max(0, seconds), limit);
      setCurrent(element.currentTime);
    },
    [lengthS],
  );

  const togglePlay = useCallback(() => {
    const element = video.current;
    if (!element) return;
    if (element.paused || element.ended) {
      element.play().catch((error: unknown) => setMediaError(`The video could not start: ${error instanceof Error ? error.message : String(error)}`));
    } else {
      element.pause();
    }
  }, []);

  const onTimeUpdate = () => {
    const element = video.current;
    if (!element) return;
    const nowMs = element.currentTime * 1000;
    if (skipPauses) {
      const inside = pauses.find((p) => nowMs >= p.startMs && (p.endMs === null || nowMs < p.endMs));
      if (inside) {
        const target = inside.endMs === null ? element.duration : inside.endMs / 1000 + PAST_PAUSE_S;
        if (Number.isFinite(target)) {
          element.currentTime = target;
          setSkipped(`Skipped a paused part (${formatDuration(((inside.endMs ?? target * 1000) - inside.startMs))})`);
        }
      }
    }
    setCurrent(element.currentTime);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDialogElement>) => {
    const element = video.current;
    if (event.key === 'Tab' && dialog.current) {
      const items = focusables(dialog.current);
      const first = items[0];
      const last = items.at(-1);
      if (first && last && event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (first && last && !event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (!element || event.altKey || event.ctrlKey || event.metaKey) return;
    const at = element.currentTime;
    switch (event.key) {
      case ' ':
        if (isTypingTarget(event.target)) return;
        togglePlay();
        break;
      case 'ArrowLeft':
        seekTo(at - SEEK_SMALL_S);
        break;
      case 'ArrowRight':
        seekTo(at + SEEK_SMALL_S);
        break;
      case 'j':
      case 'J':
        seekTo(at - SEEK_LARGE_S);
        break;
      case 'l':
      case 'L':
        seekTo(at + SEEK_LARGE_S);
        break;
      case 'Home':
        seekTo(0);
        break;
      case 'End':
        seekTo(Number.isFinite(element.duration) ? element.duration : (lengthS ?? at));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onScrub = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (lengthS === null) return;
    const box = event.currentTarget.getBoundingClientRect();
    seekTo(((event.clientX - box.left) / box.width) * lengthS);
  };

  const lengthMs = lengthS === null ? 0 : lengthS * 1000;
  const segments = pauseSegments(pauses, 0, lengthMs);
  const where =
    ready === null
      ? 'Preparing the video…'
      : ready.kind === 'local'
        ? 'Playing the downloaded file'
        : `Streaming from Recall — not downloaded yet${ready.expiresAt ? ` (link valid until ${timeOfDay.format(new Date(ready.expiresAt))})` : ''}`;

  return (
    <dialog
      ref={dialog}
      className="lib-dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      data-testid="preview-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="lib-dialog-head">
        <div>
          <h2 id={titleId} className="lib-dialog-title">
            Recording {row.number}
          </h2>
          <p className="lib-dialog-sub">
            <span className="lib-dialog-range">{timeRange(row)}</span> · {where}
          </p>
        </div>
        <button type="button" className="button button-small" onClick={onClose} aria-label="Close preview">
          Close
        </button>
      </div>

      <div className="lib-video-box">
        {source.status === 'loading' && <p className="lib-video-note">Getting the video…</p>}
        {source.status === 'error' && (
          <div className="lib-video-note" role="alert">
            <p>{source.error.message}</p>
            <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        )}
        {ready && (
          <video
            ref={video}
            className="lib-video"
            src={ready.url}
            preload="metadata"
            playsInline
            tabIndex={-1}
            data-testid="preview-video"
            aria-label={`Video of recording ${row.number}`}
            onClick={togglePlay}
            onLoadedMetadata={(event) => setDuration(Number.isFinite(event.currentTarget.duration) ? event.currentTarget.duration : null)}
            onTimeUpdate={onTimeUpdate}
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => setPlaying(false)}
            onError={() =>
              setMediaError(
                ready.kind === 'remote'
                  ? 'The video could not be streamed (the link may have expired) — try again for a fresh link.'
                  : 'The downloaded file could not be played — it may be damaged; download it again.',
              )
            }
          />
        )}
      </div>
      {mediaError && (
        <p className="lib-status lib-status-error" role="alert">
          {mediaError}{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setMediaError(null);
              setSource({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </p>
      )}

      <div
        className="lib-scrubber"
        role="slider"
        tabIndex={0}
        aria-label="Position"
        aria-valuemin={0}
        aria-valuemax={Math.round(lengthS ?? 0)}
        aria-valuenow={Math.round(current)}
        aria-valuetext={`${formatDuration(current * 1000)} of ${formatDuration((lengthS ?? 0) * 1000)}`}
        onPointerDown={onScrub}
        data-testid="preview-timeline"
      >
        <TimelineBar
          size="player"
          segments={segments}
          label={timelineLabel(row.recordedMs, row.pausedMs, pauses.length)}
          playhead={lengthS ? current / lengthS : 0}
        />
      </div>

      <div className="lib-player-controls">
        <button ref={playButton} type="button" className="button button-small button-primary lib-play" onClick={togglePlay} disabled={!ready} aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="lib-clock" aria-hidden="true">
          {formatDuration(current * 1000)} / {formatDuration((lengthS ?? 0) * 1000)}
        </span>
        <label className="lib-skip">
          <input type="checkbox" checked={skipPauses} onChange={(event) => setSkipPauses(event.target.checked)} disabled={pauses.length === 0} />
          Skip paused parts{pauses.length > 0 ? ` (${pauses.length})` : ''}
        </label>
      </div>
      <p id={hintId} className="lib-hint">
        Space play/pause · ←/→ 5 s · J/L 10 s · Home/End · Esc closes
      </p>
      <p className="visually-hidden" aria-live="polite">
        {skipped}
      </p>
    </dialog>
  );
}
