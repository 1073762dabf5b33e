// The contract itself: request validation users hit (pasting a bot id) and the one mapping from
// `window.recallRemote` functions to channels that both the preload and the test host use.
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAMES,
  CHANNELS,
  EVENTS,
  botIdSchema,
  createRemoteApi,
  isChannel,
  requestSchemas,
} from '../../../electron/contract';
import type { BotState, RemoteTransport } from '../../../electron/contract';
import { BOT_A } from './fixtures';

describe('botIdSchema (pasting a bot id)', () => {
  it('accepts a bare id, trimming spaces and lower-casing', () => {
    expect(botIdSchema.parse(`  ${BOT_A.toUpperCase()}\n`)).toBe(BOT_A);
  });

  it('finds the id inside a pasted dashboard link', () => {
    expect(botIdSchema.parse(`https://us-west-2.recall.ai/dashboard/bots/${BOT_A}?tab=logs`)).toBe(BOT_A);
  });

  it('explains what is wrong with text that is not an id', () => {
    const empty = botIdSchema.safeParse('   ');
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('Paste a bot ID first.');

    const junk = botIdSchema.safeParse('weekly sync');
    expect(junk.error?.issues[0]?.message).toMatch(/not a bot ID: expected a UUID/);

    const two = botIdSchema.safeParse(`${BOT_A} 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9`);
    expect(two.error?.issues[0]?.message).toMatch(/several UUIDs/);
  });

  it('accepts the same id twice in one text as one id', () => {
    expect(botIdSchema.parse(`${BOT_A} (${BOT_A})`)).toBe(BOT_A);
  });
});

describe('requestSchemas', () => {
  it('has a validator for every channel and nothing else', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('rejects arguments on calls that take none, and unknown keys on bot:select', () => {
    expect(requestSchemas[CHANNELS.getInfo].safeParse({ apiKey: 'x' }).success).toBe(false);
    expect(requestSchemas[CHANNELS.getInfo].safeParse(undefined).success).toBe(true);
    expect(requestSchemas[CHANNELS.selectBot].safeParse({ botId: BOT_A, extra: 1 }).success).toBe(false);
    expect(requestSchemas[CHANNELS.selectBot].safeParse(BOT_A).success).toBe(false);
  });
});

describe('createRemoteApi', () => {
  function recordingTransport() {
    const invoked: Array<{ channel: string; payload: unknown }> = [];
    /** Listeners by event, each taking its payload as JSON text (as the test host's bridge does). */
    const listeners = new Map<string, Set<(payloadJson: string) => void>>();
    const transport: RemoteTransport = {
      async invoke(channel, payload) {
        invoked.push({ channel, payload });
        return { ok: false, error: { kind: 'internal', message: 'not wired' } };
      },
      subscribe(event, listener) {
        const forward = (payloadJson: string): void => listener(JSON.parse(payloadJson));
        const set = listeners.get(event) ?? new Set();
        set.add(forward);
        listeners.set(event, set);
        return () => set.delete(forward);
      },
    };
    const emit = (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(JSON.stringify(payload));
    };
    return { transport, invoked, listeners, emit };
  }

  it('maps each named function to its channel with the payload the core validates', async () => {
    const { transport, invoked } = recordingTransport();
    const api = createRemoteApi(transport);
    await api.getInfo();
    await api.getState();
    await api.selectBot(BOT_A);
    await api.listBots();
    await api.createBot({ meetingUrl: 'https://zoom.us/j/1' });
    await api.press('toggle-pause');
    await api.press('start', true);
    await api.getConnection();
    await api.setConnection({ mode: 'live', region: 'eu-central-1' });
    await api.getHotkeys();
    await api.setHotkey('pause', null);
    await api.resetHotkeys();
    await api.suspendHotkeys(true);
    await api.getPreferences();
    await api.updatePreferences({ launchAtLogin: true });
    await api.getTrayModel();
    expect(invoked.slice(0, 7)).toEqual([
      { channel: 'app:getInfo', payload: undefined },
      { channel: 'bot:getState', payload: undefined },
      { channel: 'bot:select', payload: { botId: BOT_A } },
      { channel: 'bot:list', payload: undefined },
      { channel: 'bot:create', payload: { meetingUrl: 'https://zoom.us/j/1' } },
      { channel: 'control:press', payload: { action: 'toggle-pause' } },
      { channel: 'control:press', payload: { action: 'start', confirm: true } },
    ]);
    expect(invoked.map((i) => i.channel).slice(7)).toEqual([
      'connection:get',
      'connection:set',
      'hotkeys:get',
      'hotkeys:set',
      'hotkeys:reset',
      'hotkeys:suspend',
      'settings:get',
      'settings:update',
      'tray:getModel',
    ]);
    for (const { channel, payload } of invoked) {
      expect(isChannel(channel) && requestSchemas[channel].safeParse(payload).success).toBe(true);
    }
  });

  it('subscribes to each event and the returned function unsubscribes', () => {
    const { transport, emit } = recordingTransport();
    const api = createRemoteApi(transport);
    const seen: BotState[] = [];
    const notices: string[] = [];
    const off = api.onStateChanged((state) => seen.push(state));
    const offNotice = api.onNotice((notice) => notices.push(notice.message));
    emit(EVENTS.stateChanged, { selected: false });
    emit(EVENTS.notice, { level: 'info', message: 'Recording paused' });
    off();
    offNotice();
    emit(EVENTS.stateChanged, { selected: false });
    emit(EVENTS.notice, { level: 'info', message: 'again' });
    expect(seen).toEqual([{ selected: false }]);
    expect(notices).toEqual(['Recording paused']);
  });
});
