// The state glyph shared with the tray (UI.md): color AND shape, so it reads without color.
// recording = filled red dot · paused = two amber bars · not recording = hollow grey circle ·
// joining = dashed circle (pending) · ended = grey square · failed = square with a warning mark ·
// unknown = circle with "?". `warning` adds the warning mark to any shape (offline / last error).
import type { LiveState } from '../../../electron/contract/types';

interface StateIconProps {
  live: LiveState;
  warning?: boolean;
  size?: number;
}

function Shape({ live }: { live: LiveState }) {
  switch (live) {
    case 'recording':
      return <circle cx="12" cy="12" r="7" className="glyph-fill" />;
    case 'paused':
      return (
        <>
          <rect x="6.5" y="5" width="4" height="14" rx="1.2" className="glyph-fill" />
          <rect x="13.5" y="5" width="4" height="14" rx="1.2" className="glyph-fill" />
        </>
      );
    case 'not_recording':
      return <circle cx="12" cy="12" r="6.5" className="glyph-stroke" />;
    case 'joining':
      return <circle cx="12" cy="12" r="6.5" className="glyph-stroke glyph-dashed" />;
    case 'ended':
      return <rect x="6" y="6" width="12" height="12" rx="1.5" className="glyph-fill" />;
    case 'fatal':
      return <rect x="6" y="6" width="12" height="12" rx="1.5" className="glyph-stroke" />;
    case 'unknown':
      return (
        <>
          <circle cx="12" cy="12" r="7.5" className="glyph-stroke" />
          <text x="12" y="16" textAnchor="middle" className="glyph-text">
            ?
          </text>
        </>
      );
  }
}

export function StateIcon({ live, warning = false, size = 20 }: StateIconProps) {
  const mark = warning || live === 'fatal';
  return (
    <svg className={`state-icon state-${live}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <Shape live={live} />
      {mark && (
        <g className="glyph-warning">
          <path d="M18 12.5 L23.5 22.5 H12.5 Z" />
          <rect x="17.35" y="15.5" width="1.3" height="3.6" rx="0.6" className="glyph-warning-ink" />
          <rect x="17.35" y="20" width="1.3" height="1.3" rx="0.6" className="glyph-warning-ink" />
        </g>
      )}
    </svg>
  );
}
