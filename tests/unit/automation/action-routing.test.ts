import { describe, expect, it } from 'vitest';
import { ACTION_EXIT, ActionReplySchema, createActionRouter } from '../../../electron/core/automation';
import type { ActionRequest } from '../../../electron/core/automation';
import type { HotkeyOutcome } from '../../../electron/core/hotkeys';
import { NO_BOT_SELECTED } from '../../../electron/core/hotkeys';
import { networkError, rateLimited } from '../control/fakes';
import type { FakeRecallOptions } from '../control/fakes';
import { controlledBot, settle } from './helpers';

async function setup(fakeOpts: FakeRecallOptions = {}, selected = true) {
  const bot = await controlledBot(fakeOpts);
  const notified: HotkeyOutcome[] = [];
  const route = createActionRouter({ target: () => (selected ? bot.controller : null), notify: (o) => notified.push(o), clock: bot.clock });
  const run = (request: ActionRequest) => settle(bot.clock, route(request));
  return { ...bot, notified, run };
}

describe('createActionRouter', () => {
  it('pauses a recording, exits 0 and notifies like a shortcut press', async () => {
    const { fake, notified, run } = await setup({ state: 'recording' });
    const reply = await run({ action: 'pause', confirm: false });
    expect(reply).toEqual({ action: 'pause', status: 'done', exitCode: ACTION_EXIT.ok, message: 'Recording paused' });
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
    expect(notified).toMatchObject([{ action: 'pause', status: 'done', message: 'Recording paused' }]);
  });

  it('toggle-pause resumes a paused recording', async () => {
    const { fake, run } = await setup({ state: 'paused' });
    expect(await run({ action: 'toggle-pause', confirm: false })).toMatchObject({ status: 'done', exitCode: 0, message: 'Recording resumed' });
    expect(fake.currentState()).toBe('recording');
  });

  it('refuses a meaningless action with exit 1 and sends nothing', async () => {
    const { fake, run } = await setup({ state: 'not_recording' });
    const reply = await run({ action: 'pause', confirm: false });
    expect(reply).toEqual({ action: 'pause', status: 'refused', exitCode: ACTION_EXIT.failed, message: 'Pause: Not recording — nothing to pause' });
    expect(fake.posts()).toEqual([]);
  });

  it('answers exit 4 when no bot is selected', async () => {
    const { notified, run } = await setup({}, false);
    const reply = await run({ action: 'stop', confirm: false });
    expect(reply).toEqual({ action: 'stop', status: 'refused', exitCode: ACTION_EXIT.noBot, message: NO_BOT_SELECTED });
    expect(notified).toHaveLength(1);
  });

  it('start while recording only arms without --confirm, and says how to overwrite', async () => {
    const { fake, run } = await setup({ state: 'recording' });
    const reply = await run({ action: 'start', confirm: false });
    expect(reply.status).toBe('armed');
    expect(reply.exitCode).toBe(ACTION_EXIT.failed);
    expect(reply.message).toMatch(/^Start would overwrite the current recording — nothing was sent\. Add --confirm, or run it again within \d s, to overwrite it$/);
    expect(fake.posts()).toEqual([]);
  });

  it('start --confirm while recording starts a new recording', async () => {
    const { fake, run } = await setup({ state: 'recording' });
    const reply = await run({ action: 'start', confirm: true });
    expect(reply).toMatchObject({ status: 'done', exitCode: 0, message: 'Recording started' });
    expect(fake.posts().map((p) => p.op)).toEqual(['start']);
  });

  it('maps a network failure to exit 3 and a Recall refusal to exit 1', async () => {
    const offline = await setup({ state: 'recording' });
    offline.fake.script('pause', networkError());
    expect(await offline.run({ action: 'pause', confirm: false })).toMatchObject({ status: 'error', exitCode: ACTION_EXIT.timeout, kind: 'network' });

    const limited = await setup({ state: 'recording' });
    limited.fake.script('pause', rateLimited(2000));
    expect(await limited.run({ action: 'pause', confirm: false })).toMatchObject({ status: 'error', exitCode: ACTION_EXIT.failed, kind: 'rate_limited' });
  });

  it('maps an action Recall never confirms to exit 3', async () => {
    const { fake, run } = await setup({ state: 'recording' });
    fake.neverApply = true;
    const reply = await run({ action: 'pause', confirm: false });
    expect(reply).toMatchObject({ status: 'error', exitCode: ACTION_EXIT.timeout, kind: 'unconfirmed' });
  });

  it('always produces a reply that passes its own schema (it crosses a process boundary)', async () => {
    const { run } = await setup({ state: 'recording' });
    for (const action of ['pause', 'pause', 'resume', 'stop', 'start'] as const) {
      const reply = await run({ action, confirm: false });
      expect(ActionReplySchema.safeParse(reply).success).toBe(true);
    }
  });
});
