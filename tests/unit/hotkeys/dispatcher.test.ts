import { describe, expect, it } from 'vitest';
import { HotkeyDispatcher, NO_BOT_SELECTED } from '../../../electron/core/hotkeys/dispatcher';
import type { HotkeyOutcome } from '../../../electron/core/hotkeys/dispatcher';
import { RecordingController } from '../../../electron/core/control/controller';
import { FakeClock, FakeRecall, rateLimited } from '../control/fakes';
import type { FakeState } from '../control/fakes';

async function setup(state: FakeState | null, opts: { retries?: number } = {}) {
  const clock = new FakeClock();
  const fake = new FakeRecall(clock, { state: state ?? 'recording', ...opts });
  const controller = state === null ? null : new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock });
  if (controller) await controller.refresh();
  const notified: HotkeyOutcome[] = [];
  let shown = 0;
  const dispatcher = new HotkeyDispatcher({
    target: () => controller,
    showWindow: () => {
      shown++;
    },
    notify: (o) => notified.push(o),
    clock,
  });
  /** Dispatches while the fake clock runs, so confirmation reads happen. */
  const press = async (action: string): Promise<HotkeyOutcome> => {
    let outcome: HotkeyOutcome | undefined;
    void dispatcher.dispatch(action).then((o) => (outcome = o));
    for (let i = 0; i < 400 && outcome === undefined; i++) await clock.advance(50);
    if (!outcome) throw new Error('dispatch never settled');
    return outcome;
  };
  return { clock, fake, controller, notified, press, shownCount: () => shown };
}

describe('HotkeyDispatcher', () => {
  it('toggle-pause pauses a recording and reports it done', async () => {
    const { fake, notified, press } = await setup('recording');
    const outcome = await press('toggle-pause');
    expect(outcome).toMatchObject({ action: 'toggle-pause', status: 'done', message: 'Recording paused' });
    expect(notified).toEqual([outcome]);
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
  });

  it('toggle-pause resumes a paused recording', async () => {
    const { fake, press } = await setup('paused');
    expect(await press('toggle-pause')).toMatchObject({ status: 'done', message: 'Recording resumed' });
    expect(fake.posts().map((p) => p.op)).toEqual(['resume']);
  });

  it('reports a refusal with its reason instead of dropping the press', async () => {
    const { fake, notified, press } = await setup('not_recording');
    expect(await press('pause')).toMatchObject({ status: 'refused', message: 'Pause: Not recording — nothing to pause' });
    expect(notified).toHaveLength(1);
    expect(fake.posts()).toHaveLength(0);
  });

  it('arms Start while recording and overwrites on the second press', async () => {
    const { fake, notified, press } = await setup('recording');
    expect(await press('start')).toMatchObject({ status: 'armed', message: 'Press again within 3 s to overwrite the current recording' });
    expect(fake.posts()).toHaveLength(0);
    expect(await press('start')).toMatchObject({ status: 'done', message: 'Recording started' });
    expect(notified.map((n) => n.status)).toEqual(['armed', 'done']);
    expect(fake.posts().map((p) => p.op)).toEqual(['start']);
  });

  it('reports API errors with their kind and message', async () => {
    const { fake, press } = await setup('recording');
    fake.script('stop', rateLimited(30_000));
    expect(await press('stop')).toMatchObject({ status: 'error', kind: 'rate_limited', message: "Recall's rate limit was reached (429) — try again in 30 s" });
  });

  it('refuses control shortcuts when no bot is selected', async () => {
    const { notified, press } = await setup(null);
    expect(await press('pause')).toMatchObject({ status: 'refused', message: NO_BOT_SELECTED });
    expect(notified).toHaveLength(1);
  });

  it('shows the window even with no bot selected', async () => {
    const { press, shownCount } = await setup(null);
    expect(await press('show-window')).toMatchObject({ status: 'done', message: 'Window shown' });
    expect(shownCount()).toBe(1);
  });

  it('turns a failing window callback or an unknown action into an error outcome', async () => {
    const clock = new FakeClock();
    const notified: HotkeyOutcome[] = [];
    const dispatcher = new HotkeyDispatcher({
      target: () => null,
      showWindow: () => Promise.reject(new Error('no display')),
      notify: (o) => notified.push(o),
      clock,
    });
    expect(await dispatcher.dispatch('show-window')).toMatchObject({ status: 'error', kind: 'internal', message: 'The shortcut failed: no display' });
    expect(await dispatcher.dispatch('teleport')).toMatchObject({ status: 'error', message: "Unknown shortcut action 'teleport'" });
    expect(notified.map((n) => n.status)).toEqual(['error', 'error']);
  });

  it('still returns the outcome when the notifier throws', async () => {
    const errors: unknown[] = [];
    const dispatcher = new HotkeyDispatcher({
      target: () => null,
      showWindow: () => undefined,
      notify: () => {
        throw new Error('notifications blocked');
      },
      onNotifyError: (e) => errors.push(e),
    });
    expect(await dispatcher.dispatch('stop')).toMatchObject({ status: 'refused' });
    expect(errors).toHaveLength(1);
  });
});
