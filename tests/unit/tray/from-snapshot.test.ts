import { describe, expect, it } from 'vitest';
import { trayInputFromSnapshot } from '../../../electron/core/tray/from-snapshot';
import { trayModel } from '../../../electron/core/tray/tray-model';
import { DEFAULT_HOTKEYS } from '../../../electron/core/hotkeys/hotkey-map';
import { RecordingController } from '../../../electron/core/control/controller';
import { FakeClock, FakeRecall, networkError } from '../control/fakes';

const extras = (now: number) => ({ hotkeys: DEFAULT_HOTKEYS, hotkeyStatuses: {}, sandbox: true, recentBots: [], now });

describe('trayInputFromSnapshot', () => {
  it('drives the tray from a live controller: recording, pending, paused, offline', async () => {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'recording', applyDelayMs: 500 });
    const controller = new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock });
    await controller.refresh();
    await clock.advance(65_000);

    const tray = () => trayModel(trayInputFromSnapshot(controller.getSnapshot(), extras(clock.now())));
    expect(tray()).toMatchObject({ iconId: 'recording-sandbox', tooltip: 'Recording · 00:01:05 · Weekly sync · Sandbox' });

    const pause = controller.press('pause');
    expect(tray()).toMatchObject({ iconId: 'switching-paused-sandbox', tooltip: 'Pausing… · Weekly sync · Sandbox' });
    await clock.advance(2_000);
    await pause;
    expect(tray()).toMatchObject({ iconId: 'paused-sandbox', tooltip: 'Paused 01:05 · Weekly sync · Sandbox' });

    fake.script('get', networkError());
    await controller.refresh().catch(() => undefined);
    const offline = tray();
    expect(offline.iconId).toBe('error-sandbox');
    expect(offline.tooltip).toBe('Paused 01:05 · Weekly sync · Offline · Sandbox');
  });

  it('maps no selection to the idle tray', () => {
    expect(trayModel(trayInputFromSnapshot(null, extras(0)))).toMatchObject({ iconId: 'not-recording-sandbox', tooltip: 'Recall Remote · No bot selected · Sandbox' });
  });
});

describe('trayInputFromSnapshot — automation', () => {
  it('passes the automation line through, null when absent', () => {
    expect(trayInputFromSnapshot(null, extras(0)).automationLine).toBeNull();
    const input = trayInputFromSnapshot(null, { ...extras(0), automationLine: 'Auto-paused on lock' });
    expect(input.automationLine).toBe('Auto-paused on lock');
    expect(trayModel(input).menu.find((m) => m.id === 'status-automation')?.label).toBe('Auto-paused on lock');
  });
});
