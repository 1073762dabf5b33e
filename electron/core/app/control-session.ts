// Recording control on one connection: ONE controller registry (a controller per bot, kept while
// the user switches bots so an action in flight still ends in its outcome) and ONE poller reading
// the selected bot — so the selected bot is read once, by the poller and the controller's
// confirmations sharing a single in-flight request. Selecting only changes the selection once
// the bot is confirmed to exist.
import { ControllerRegistry, Poller, RecordingController } from '../control';
import type { ActionOutcome, ControllerSnapshot, PressAction, PressOptions } from '../control';
import type { Clock, ControlTuning, CoreClient, PollIntervals, Timers } from './deps';
import { CoreError } from './errors';

export interface ControlSessionOptions {
  client: CoreClient;
  clock: Clock;
  timers: Timers;
  poll?: Partial<PollIntervals>;
  control?: ControlTuning;
  newId?: () => string;
  /** The selection changed, or the selected bot's controller published a new snapshot. */
  onChange(): void;
  onListenerError(error: unknown): void;
}

interface Selection {
  readonly controller: RecordingController;
  readonly unsubscribe: () => void;
}

export const SUPERSEDED = 'Another bot was selected before this one finished loading.';

export class ControlSession {
  private readonly registry: ControllerRegistry;
  private readonly poller: Poller;
  private selection: Selection | null = null;
  private selecting = 0;
  private disposed = false;

  constructor(private readonly options: ControlSessionOptions) {
    const { client, clock, timers, control, newId } = options;
    this.registry = new ControllerRegistry(
      (botId) =>
        new RecordingController({
          botId,
          client,
          clock,
          timers,
          ...control,
          ...(newId && { newIdempotencyKey: newId }),
          onListenerError: options.onListenerError,
        }),
    );
    this.poller = new Poller({ clock, timers, ...(options.poll && { intervals: options.poll }) });
  }

  /** The selected bot's controller; null while none is selected. */
  controller(): RecordingController | null {
    return this.selection?.controller ?? null;
  }

  /** Any bot's controller, if one exists (without creating it or marking it used). */
  peek(botId: string): RecordingController | null {
    return this.registry.peek(botId);
  }

  snapshot(): ControllerSnapshot | null {
    return this.selection?.controller.getSnapshot() ?? null;
  }

  /**
   * Reads `botId` and selects it. Rejects — the selection unchanged — when it cannot be read, or
   * with CoreError('aborted') when a later selection started meanwhile (the latest one wins).
   */
  async select(botId: string): Promise<ControllerSnapshot> {
    if (this.disposed) throw new CoreError('aborted', 'The connection changed before the bot finished loading.');
    const ticket = ++this.selecting;
    const known = this.registry.peek(botId) !== null;
    const controller = this.registry.get(botId);
    try {
      await controller.refresh();
    } catch (error) {
      if (!known && this.selection?.controller !== controller) this.registry.release(botId);
      throw ticket === this.selecting ? error : new CoreError('aborted', SUPERSEDED);
    }
    if (ticket !== this.selecting) throw new CoreError('aborted', SUPERSEDED);
    if (this.disposed) throw new CoreError('aborted', 'The connection changed before the bot finished loading.');
    this.attach(controller);
    return controller.getSnapshot();
  }

  /** Presses on the selected bot; null when none is selected. */
  press(action: PressAction, options: PressOptions = {}): Promise<ActionOutcome> | null {
    return this.selection?.controller.press(action, options) ?? null;
  }

  /** Stops polling and every controller; presses in flight end as 'aborted'. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.poller.stop();
    this.selection?.unsubscribe();
    this.selection = null;
    this.registry.disposeAll();
  }

  private attach(controller: RecordingController): void {
    if (this.selection?.controller === controller) {
      this.options.onChange();
      return;
    }
    this.selection?.unsubscribe();
    const unsubscribe = controller.subscribe(() => this.options.onChange());
    this.selection = { controller, unsubscribe };
    this.poller.select(controller, { justRead: true });
    this.options.onChange();
  }
}
