// The recording controls (UI.md): Pause, Resume, Start, Stop as large buttons with their
// shortcuts, a smaller Leave call, and one fixed-height line under them that shows each press's
// outcome or the inline confirmation an irreversible press needs.
import { useRef, useState } from 'react';
import type { ControlAction, PressAction, SelectedBotState } from '../../../electron/contract/types';
import type { PressHook } from '../hooks/use-press';
import { useArmed } from '../hooks/use-armed';
import { ActionButton } from './action-button';
import { ConfirmStrip } from './confirm-strip';
import { CheckIcon } from './icons';

const GRID: readonly ControlAction[] = ['pause', 'resume', 'start', 'stop'];

const OVERWRITE_TEXT = 'This overwrites the current recording.';
const LEAVE_TEXT = 'The bot leaves the meeting for good.';

/** Which button a pending press spins on (toggle-pause: the one matching the current state). */
function busyButton(pending: PressAction | null, live: SelectedBotState['live']): ControlAction | null {
  if (pending === 'toggle-pause') return live === 'paused' ? 'resume' : 'pause';
  return pending;
}

interface ActionPanelProps {
  state: SelectedBotState;
  presses: PressHook;
}

export function ActionPanel({ state, presses }: ActionPanelProps) {
  const [confirming, setConfirming] = useState<{ action: 'start' | 'leave'; bot: string } | null>(null);
  const buttons = useRef<Partial<Record<ControlAction, HTMLButtonElement | null>>>({});
  const [dismissedArm, setDismissedArm] = useState<number | null>(null);
  const armedNow = useArmed(state.armed, state.clockOffsetMs);
  const armed = armedNow && armedNow.until !== dismissedArm ? armedNow : null;
  const busy = busyButton(state.pending?.action ?? null, state.live);
  const recordingNow = state.live === 'recording' || state.live === 'paused';
  // A confirmation belongs to the bot and the state it was asked in: once moot, it goes.
  const asking =
    confirming?.bot !== state.botId
      ? null
      : confirming.action === 'start'
        ? recordingNow
          ? 'start'
          : null
        : state.actions.leave.enabled
          ? 'leave'
          : null;

  const onPress = (action: ControlAction) => {
    const availability = state.actions[action];
    if (!availability.enabled) {
      presses.show({ kind: 'refused', action, message: availability.reason ?? 'Not available right now' });
      return;
    }
    if (action === 'leave' || (action === 'start' && recordingNow)) {
      setConfirming({ action, bot: state.botId });
      return;
    }
    void presses.press(action);
  };

  const close = (action: 'start' | 'leave') => {
    setConfirming(null);
    if (action === 'start' && armed) setDismissedArm(armed.until);
    buttons.current[action]?.focus();
  };

  const confirm = (action: 'start' | 'leave') => {
    close(action);
    void presses.press(action, action === 'start' ? true : undefined);
  };

  let slot;
  if (asking === 'leave') {
    slot = <ConfirmStrip message={LEAVE_TEXT} confirmLabel="Leave call" takeFocus onConfirm={() => confirm('leave')} onCancel={() => close('leave')} />;
  } else if (asking === 'start' || armed) {
    slot = (
      <ConfirmStrip
        message={OVERWRITE_TEXT}
        confirmLabel="Start anyway"
        takeFocus={asking === 'start'}
        onConfirm={() => confirm('start')}
        onCancel={() => close('start')}
      />
    );
  } else {
    slot = (
      <>
        <StatusText presses={presses} />
        <ActionButton
          ref={(el) => {
            buttons.current.leave = el;
          }}
          action="leave"
          availability={state.actions.leave}
          busy={busy === 'leave'}
          size="small"
          onPress={onPress}
        />
      </>
    );
  }

  return (
    <section className="actions" aria-labelledby="actions-title">
      <h2 id="actions-title" className="visually-hidden">
        Recording controls
      </h2>
      <div className="action-grid">
        {GRID.map((action) => (
          <ActionButton
            key={action}
            ref={(el) => {
              buttons.current[action] = el;
            }}
            action={action}
            availability={state.actions[action]}
            busy={busy === action}
            size="large"
            onPress={onPress}
          />
        ))}
      </div>
      <div className="action-slot">{slot}</div>
    </section>
  );
}

/** The last press's outcome from this window; failures show in the header with Retry instead. */
function StatusText({ presses }: { presses: PressHook }) {
  const last = presses.last?.outcome;
  const shown = last && (last.kind === 'confirmed' || last.kind === 'refused') ? last : null;
  return (
    <p className="action-status" role="status" data-testid="action-status" data-kind={shown?.kind}>
      {shown?.kind === 'confirmed' && (
        <span className="status-ok">
          <CheckIcon />
          {shown.message}
        </span>
      )}
      {shown?.kind === 'refused' && <span className="status-refused">{shown.message}</span>}
    </p>
  );
}
