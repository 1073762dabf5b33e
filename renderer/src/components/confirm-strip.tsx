// An inline confirmation for an irreversible press (Start over a running recording, Leave call):
// the consequence in words, the action and Cancel. Esc cancels. It replaces the status line in
// place, at the same height, so nothing below moves.
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';

interface ConfirmStripProps {
  message: string;
  confirmLabel: string;
  /** Move focus to Cancel when it appears (a press in this window; not for a hotkey's arming). */
  takeFocus: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmStrip({ message, confirmLabel, takeFocus, onConfirm, onCancel }: ConfirmStripProps) {
  const messageId = useId();
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (takeFocus) cancel.current?.focus();
  }, [takeFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };

  return (
    <div className="confirm" role="group" aria-labelledby={messageId} data-testid="confirm" onKeyDown={onKeyDown}>
      <p id={messageId} className="confirm-text">
        <span className="error-mark" aria-hidden="true">
          !
        </span>
        {message}
      </p>
      <div className="confirm-buttons">
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
