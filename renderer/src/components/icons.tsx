// Small inline SVG icons for buttons (decorative: the button's text or aria-label names it).
import type { ReactNode } from 'react';
import type { PressAction } from '../../../electron/contract/types';

interface IconProps {
  size?: number;
}

function Svg({ size = 20, children, className }: IconProps & { children: ReactNode; className?: string }) {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function ActionIcon({ action, size }: IconProps & { action: PressAction }) {
  switch (action) {
    case 'pause':
    case 'toggle-pause':
      return (
        <Svg size={size} className="icon-pause">
          <rect x="6" y="5" width="4.2" height="14" rx="1.2" />
          <rect x="13.8" y="5" width="4.2" height="14" rx="1.2" />
        </Svg>
      );
    case 'resume':
      return (
        <Svg size={size} className="icon-resume">
          <path d="M8 5.2v13.6a1 1 0 0 0 1.5.86l11-6.8a1 1 0 0 0 0-1.72l-11-6.8A1 1 0 0 0 8 5.2z" />
        </Svg>
      );
    case 'start':
      return (
        <Svg size={size} className="icon-start">
          <circle cx="12" cy="12" r="7" />
        </Svg>
      );
    case 'stop':
      return (
        <Svg size={size} className="icon-stop">
          <rect x="5.5" y="5.5" width="13" height="13" rx="2" />
        </Svg>
      );
    case 'leave':
      return (
        <Svg size={size} className="icon-leave">
          <path d="M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4" className="icon-line" />
          <path d="M15 8l4 4-4 4M19 12H9" className="icon-line" />
        </Svg>
      );
  }
}

export function GearIcon({ size }: IconProps) {
  return (
    <Svg size={size}>
      <circle cx="12" cy="12" r="3" className="icon-line" />
      <path
        className="icon-line"
        d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33H9a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82V9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z"
      />
    </Svg>
  );
}

export function CloseIcon({ size = 16 }: IconProps) {
  return (
    <Svg size={size}>
      <path d="M6 6l12 12M18 6L6 18" className="icon-line" />
    </Svg>
  );
}

export function CheckIcon({ size = 16 }: IconProps) {
  return (
    <Svg size={size}>
      <path d="M5 12.5l4.5 4.5L19 7.5" className="icon-line" />
    </Svg>
  );
}

export function ChevronIcon({ size = 16, open }: IconProps & { open: boolean }) {
  return (
    <Svg size={size} className={open ? 'icon-chevron-open' : 'icon-chevron'}>
      <path d="M9 6l6 6-6 6" className="icon-line" />
    </Svg>
  );
}

/** The one thing that moves: shown only while something is pending. */
export function Spinner({ size = 16 }: IconProps) {
  return (
    <svg className="spinner" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" className="spinner-track" />
      <path d="M12 3a9 9 0 0 1 9 9" className="spinner-head" />
    </svg>
  );
}
