// The tray model as the core publishes it: recomputed on every change of its inputs (selected
// bot, shortcuts, recent bots, connection) and once per recorded second while recording, and
// published only when it differs — while recording that is the tooltip alone, the menu's status
// line carrying no seconds, so a native menu is not rebuilt every second.
import { readRecordingClock } from '../control';
import type { Clock, RecordingClock, TimerHandle, Timers } from '../control';
import { trayModel } from '../tray';
import type { TrayInput, TrayModel } from '../tray';
import type { TrayMenuItemView, TrayModelView } from '../../contract';

export interface TrayFeedOptions {
  clock: Clock;
  timers: Timers;
  /** The tray's input at `now`. */
  input(now: number): TrayInput;
  /** Recorded ms at `now` while the recording clock runs; null when it does not. */
  runningRecordedMs(now: number): number | null;
  onChange(model: TrayModel): void;
}

function menuView(items: TrayModel['menu']): TrayMenuItemView[] {
  return items.map((item) => ({
    id: item.id,
    label: item.label,
    enabled: item.enabled,
    ...(item.type !== undefined && { type: item.type }),
    ...(item.checked !== undefined && { checked: item.checked }),
    ...(item.accelerator !== undefined && { accelerator: item.accelerator }),
    ...(item.submenu !== undefined && { submenu: menuView(item.submenu) }),
  }));
}

/** The contract's plain (mutable, JSON) form of a tray model. */
export function trayModelView(model: TrayModel): TrayModelView {
  return { iconId: model.iconId, tooltip: model.tooltip, menu: menuView(model.menu) };
}

export class TrayFeed {
  private model: TrayModel;
  private shown: string;
  private tick: TimerHandle | null = null;
  private closed = false;
  private readonly listeners = new Set<(model: TrayModel) => void>();

  constructor(private readonly options: TrayFeedOptions) {
    this.model = trayModel(options.input(options.clock.now()));
    this.shown = JSON.stringify(this.model);
    this.schedule();
  }

  current(): TrayModel {
    return this.model;
  }

  /** Calls `listener` with every published model; returns the function that unsubscribes. */
  subscribe(listener: (model: TrayModel) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Something the tray shows may have changed. */
  update(): void {
    if (this.closed) return;
    const model = trayModel(this.options.input(this.options.clock.now()));
    const key = JSON.stringify(model);
    if (key !== this.shown) {
      this.model = model;
      this.shown = key;
      this.options.onChange(model);
      for (const listener of [...this.listeners]) listener(model);
    }
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.clearTick();
    this.listeners.clear();
  }

  /** While the clock runs: wake when the next recorded second starts. */
  private schedule(): void {
    this.clearTick();
    if (this.closed) return;
    const recorded = this.options.runningRecordedMs(this.options.clock.now());
    if (recorded === null) return;
    const untilNextSecond = 1000 - (recorded % 1000);
    this.tick = this.options.timers.setTimeout(() => {
      this.tick = null;
      this.update();
    }, untilNextSecond);
  }

  private clearTick(): void {
    if (this.tick !== null) this.options.timers.clearTimeout(this.tick);
    this.tick = null;
  }
}

/** Recorded ms of a snapshot's clock at `now` while it runs; null otherwise. */
export function runningRecordedMs(clock: RecordingClock | null, now: number): number | null {
  if (!clock || clock.runningSince === null) return null;
  return readRecordingClock(clock, now);
}
