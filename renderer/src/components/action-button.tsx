// One recording action as a large button: icon, name, its global shortcut. When it cannot be
// pressed it stays focusable (aria-disabled) and says why in a tooltip shown on hover AND on
// keyboard focus, tied to the button with aria-describedby.
import { useId } from 'react';
import type { Ref } from 'react';
import type { ActionAvailability, ControlAction } from '../../../electron/contract/types';
import { ACTION_LABELS } from '../lib/format';
import { ActionIcon, Spinner } from './icons';

interface ActionButtonProps {
  action: ControlAction;
  availability: ActionAvailability;
  busy: boolean;
  size: 'large' | 'small';
  onPress(action: ControlAction): void;
  ref?: Ref<HTMLButtonElement>;
}

export function ActionButton({ action, availability, busy, size, onPress, ref }: ActionButtonProps) {
  const tipId = useId();
  const disabled = !availability.enabled;
  const tip = disabled ? (availability.reason ?? 'Not available right now') : availability.hotkey ? `Shortcut: ${availability.hotkey}` : 'No shortcut set';
  return (
    <div className={`action action-${size}${disabled ? ' action-disabled' : ''}`}>
      <button
        ref={ref}
        type="button"
        className={`action-button action-button-${action}`}
        data-testid={`action-${action}`}
        aria-disabled={disabled || undefined}
        aria-busy={busy || undefined}
        aria-describedby={tipId}
        onClick={() => onPress(action)}
      >
        <span className="action-icon">{busy ? <Spinner size={size === 'large' ? 22 : 16} /> : <ActionIcon action={action} size={size === 'large' ? 22 : 16} />}</span>
        <span className="action-text">
          <span className="action-label">{ACTION_LABELS[action]}</span>
          {size === 'large' && (
            <kbd className="action-hotkey" aria-hidden="true">
              {availability.hotkey ?? 'No shortcut'}
            </kbd>
          )}
        </span>
      </button>
      <span id={tipId} role="tooltip" className={`tip${disabled ? ' tip-reason' : ''}`}>
        {tip}
      </span>
    </div>
  );
}
