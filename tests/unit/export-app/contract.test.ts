// The export and automation parts of the IPC contract: each `window.recallRemote` function calls
// its channel with a payload the core accepts, events reach their listeners, and payloads the core
// must not trust are refused with a sentence.
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS, createRemoteApi, isChannel, requestSchemas } from '../../../electron/contract';
import type { AutomationView, ExportProgress, RemoteTransport } from '../../../electron/contract';

const REC = '6A1F0C2E-8B9D-4E7F-A1B2-C3D4E5F60718';

function recording() {
  const invoked: Array<{ channel: string; payload: unknown }> = [];
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const transport: RemoteTransport = {
    async invoke(channel, payload) {
      invoked.push({ channel, payload });
      return { ok: false, error: { kind: 'internal', message: 'not wired' } };
    },
    subscribe(event, listener) {
      const forward = (payload: unknown) => listener(JSON.parse(JSON.stringify(payload)));
      listeners.set(event, [...(listeners.get(event) ?? []), forward]);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== forward));
    },
  };
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { api: createRemoteApi(transport), invoked, emit };
}

describe('export and automation in window.recallRemote', () => {
  it('maps each function to its channel with a payload the core accepts', async () => {
    const { api, invoked } = recording();
    await api.exportClean(REC);
    await api.cancelExport(REC);
    await api.listExports();
    await api.openExport(REC);
    await api.showExportInFolder(REC);
    await api.getAutomation();
    await api.updateAutomation({ autoPause: { onLock: true }, pausedReminder: { everyMinutes: 5 } });
    expect(invoked.map((i) => i.channel)).toEqual([
      'export:start',
      'export:cancel',
      'export:list',
      'export:open',
      'export:showInFolder',
      'automation:get',
      'automation:update',
    ]);
    for (const { channel, payload } of invoked) {
      expect(isChannel(channel) && requestSchemas[channel].safeParse(payload).success, channel).toBe(true);
    }
    expect(requestSchemas[CHANNELS.exportStart].parse({ recordingId: REC })).toEqual({ recordingId: REC.toLowerCase() });
  });

  it('delivers export progress and automation changes until unsubscribed', () => {
    const { api, emit } = recording();
    const progress: ExportProgress[] = [];
    const views: Array<AutomationView['trayLine']> = [];
    const offProgress = api.onExportProgress((p) => progress.push(p));
    const offAutomation = api.onAutomationChanged((view) => views.push(view.trayLine));
    emit(EVENTS.exportProgress, { recordingId: REC, fraction: 0.5 });
    emit(EVENTS.automationChanged, { trayLine: 'Auto-paused on lock' });
    offProgress();
    offAutomation();
    emit(EVENTS.exportProgress, { recordingId: REC, fraction: 0.9 });
    emit(EVENTS.automationChanged, { trayLine: null });
    expect(progress).toEqual([{ recordingId: REC, fraction: 0.5 }]);
    expect(views).toEqual(['Auto-paused on lock']);
  });

  it.each<[string, string, unknown, string]>([
    ['a recording id that is not a UUID', CHANNELS.exportStart, { recordingId: '../../etc/passwd' }, 'recordingId: That is not a recording ID: expected a UUID like 0b7c1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e.'],
    ['a path instead of a recording', CHANNELS.exportOpen, { path: '/etc/passwd' }, 'recordingId: The recording ID must be text.'],
    ['arguments to export:list', CHANNELS.exportList, { all: true }, 'This call takes no arguments.'],
    ['an unknown automation setting', CHANNELS.updateAutomation, { autoPause: { onLid: true } }, 'autoPause: Expected { onLock?, onSuspend?, resumeOnUnlock? }.'],
    ['a flag that is not true or false', CHANNELS.updateAutomation, { pausedReminder: { enabled: 'yes' } }, 'pausedReminder.enabled: Expected true or false.'],
  ])('refuses %s', (_label, channel, payload, message) => {
    if (!isChannel(channel)) throw new Error(channel);
    const parsed = requestSchemas[channel].safeParse(payload);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    expect(`${where}${issue?.message}`).toBe(message);
  });
});
