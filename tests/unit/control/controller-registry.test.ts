import { describe, expect, it } from 'vitest';
import { ControllerRegistry } from '../../../electron/core/control/controller-registry';
import { RecordingController } from '../../../electron/core/control/controller';
import { FakeClock, FakeRecall } from './fakes';

describe('ControllerRegistry', () => {
  function setup(limit: number) {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'recording', applyDelayMs: 60_000 });
    const created: string[] = [];
    const registry = new ControllerRegistry((botId) => {
      created.push(botId);
      return new RecordingController({ botId, client: fake, clock, timers: clock });
    }, limit);
    return { clock, fake, registry, created };
  }

  it('keeps one controller per bot, so its log survives switching away and back', async () => {
    const { registry, created } = setup(4);
    const a = registry.get('bot-1');
    await a.refresh();
    void a.press('pause');
    registry.get('bot-2');
    expect(registry.get('bot-1')).toBe(a);
    expect(a.actionLog()).toHaveLength(1);
    expect(created).toEqual(['bot-1', 'bot-2']);
  });

  it('disposes the least recently used idle controller past the limit, never a busy one', async () => {
    const { registry } = setup(2);
    const busy = registry.get('bot-1');
    await busy.refresh();
    void busy.press('pause');
    const idle = registry.get('bot-2');
    registry.get('bot-3');
    expect(registry.peek('bot-1')).toBe(busy);
    expect(registry.peek('bot-2')).toBeNull();
    expect(await idle.press('pause')).toMatchObject({ status: 'failed', error: { kind: 'aborted' } });
    expect(busy.getSnapshot().pending?.action).toBe('pause');
  });
});
