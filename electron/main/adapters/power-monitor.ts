// powerMonitor's lock/unlock/suspend/resume events, passed 1:1 to the core's auto-pause.
// Platform gaps (Electron 45 docs and types): 'lock-screen'/'unlock-screen' are emitted on macOS
// and Windows only; 'suspend'/'resume' on all three (Linux through logind, and reportedly not
// inside a Snap sandbox). On Linux, the lock state is polled instead through
// getSystemIdleState() === 'locked', which Chromium answers only where it can see the desktop's
// screen saver/locker — where it cannot, locking does nothing and only sleep auto-pauses.
// Use after app 'ready' (powerMonitor is unusable before).
import { powerMonitor } from 'electron';
import type { PowerEvent } from '../../core/automation';

/** Linux lock polling: often enough to pause within seconds of walking away, cheap to ask. */
export const LINUX_LOCK_POLL_MS = 5_000;
/** getSystemIdleState needs an idle threshold; 'locked' wins over it, so any value works. */
const IDLE_THRESHOLD_S = 60;

export interface PowerEventsOptions {
  onEvent: (event: PowerEvent) => void;
  platform?: NodeJS.Platform;
  /** Linux only; 0 turns the lock polling off. */
  linuxLockPollMs?: number;
  log?: (message: string) => void;
}

/** Starts forwarding; returns the function that stops it. */
export function watchPowerEvents(opts: PowerEventsOptions): () => void {
  const platform = opts.platform ?? process.platform;
  const log = opts.log ?? (() => undefined);
  const deliver = (event: PowerEvent): void => {
    try {
      opts.onEvent(event);
    } catch (error) {
      log(`power event ${event} handler failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const onLock = (): void => deliver('lock-screen');
  const onUnlock = (): void => deliver('unlock-screen');
  const onSuspend = (): void => deliver('suspend');
  const onResume = (): void => deliver('resume');
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);

  let poll: ReturnType<typeof setInterval> | null = null;
  const pollMs = opts.linuxLockPollMs ?? LINUX_LOCK_POLL_MS;
  if (platform === 'linux' && pollMs > 0) {
    const locked = (): boolean => {
      try {
        return powerMonitor.getSystemIdleState(IDLE_THRESHOLD_S) === 'locked';
      } catch {
        return false;
      }
    };
    let wasLocked = locked();
    poll = setInterval(() => {
      const isLocked = locked();
      if (isLocked === wasLocked) return;
      wasLocked = isLocked;
      deliver(isLocked ? 'lock-screen' : 'unlock-screen');
    }, pollMs);
  }

  return () => {
    powerMonitor.removeListener('lock-screen', onLock);
    powerMonitor.removeListener('unlock-screen', onUnlock);
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    if (poll !== null) clearInterval(poll);
    poll = null;
  };
}
