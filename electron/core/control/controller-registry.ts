// One controller per bot, kept while the user switches between bots so an action in flight
// still ends in its outcome and each bot keeps its action log; the least recently used idle
// controllers are disposed past a limit.
import type { RecordingController } from './controller';

export class ControllerRegistry {
  private readonly controllers = new Map<string, RecordingController>();

  constructor(
    private readonly create: (botId: string) => RecordingController,
    private readonly limit = 8,
  ) {}

  /** The bot's controller, created on first use; marks it most recently used. */
  get(botId: string): RecordingController {
    let controller = this.controllers.get(botId);
    if (controller) {
      this.controllers.delete(botId);
    } else {
      controller = this.create(botId);
    }
    this.controllers.set(botId, controller);
    this.evict(botId);
    return controller;
  }

  peek(botId: string): RecordingController | null {
    return this.controllers.get(botId) ?? null;
  }

  /**
   * Disposes and forgets a bot's controller (e.g. its bot turned out not to exist), unless an
   * action is pending or queued on it; returns whether it was released.
   */
  release(botId: string): boolean {
    const controller = this.controllers.get(botId);
    if (!controller) return false;
    const snapshot = controller.getSnapshot();
    if (snapshot.pending || snapshot.queued.length > 0) return false;
    controller.dispose();
    this.controllers.delete(botId);
    return true;
  }

  disposeAll(): void {
    for (const controller of this.controllers.values()) controller.dispose();
    this.controllers.clear();
  }

  /** Oldest first; never the one just asked for, nor one with an action pending or queued. */
  private evict(keep: string): void {
    for (const [botId, controller] of this.controllers) {
      if (this.controllers.size <= this.limit) return;
      if (botId === keep) continue;
      const snapshot = controller.getSnapshot();
      if (snapshot.pending || snapshot.queued.length > 0) continue;
      controller.dispose();
      this.controllers.delete(botId);
    }
  }
}
