// Bot endpoints over HTTP: create (201, meeting_url objects, DRF field errors), lifecycle
// with status_changes, list pagination and filters, delete, leave.
import { describe, expect, it } from 'vitest';
import {
  MEET_URL,
  asArray,
  asObject,
  call,
  createBot,
  getBot,
  lastStatus,
  statusCodes,
  testSandbox,
  waitForStatus,
  type JsonObject,
} from './helpers';

describe('bot creation', () => {
  it('creates a bot (201) with Recall defaults echoed and no status yet', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { bot_name: 'Notes', metadata: { team: 'a' } });
    expect(bot).toMatchObject({
      meeting_url: { platform: 'google_meet', meeting_id: 'abc-defg-hij' },
      bot_name: 'Notes',
      join_at: null,
      status_changes: [],
      recordings: [],
      metadata: { team: 'a' },
      recording_config: { video_mixed_mp4: { metadata: {} }, retention: { type: 'timed', hours: 168 }, start_recording_on: 'participant_join', transcript: null },
    });
    expect(String(bot.id)).toMatch(/^[0-9a-f-]{36}$/);
    const manual = await createBot(sandbox, { recording_config: null });
    expect(manual.recording_config).toBeNull();
  });

  it.each([
    ['https://us02web.zoom.us/j/84315220467?pwd=abc', { platform: 'zoom', meeting_id: '84315220467', meeting_password: 'abc' }],
    ['https://meet.google.com/abc-defg-hij', { platform: 'google_meet', meeting_id: 'abc-defg-hij' }],
    ['https://teams.live.com/meet/9876543210?p=pw', { platform: 'microsoft_teams_live', meeting_id: '9876543210', meeting_password: 'pw', tenant_id: null }],
    ['https://acme.webex.com/acme/j.php?MTID=m123', { platform: 'webex', meeting_subdomain: 'acme', meeting_mtid: 'm123', meeting_path: 'acme/j.php' }],
  ])('returns the meeting_url object for %s', async (url, expected) => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { meeting_url: url });
    expect(bot.meeting_url).toEqual(expect.objectContaining(expected));
  });

  it('answers DRF field errors for bad input', async () => {
    const sandbox = await testSandbox();
    const missing = await call(sandbox, 'POST', '/api/v1/bot/', { body: { bot_name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ meeting_url: ['This field is required.'] });
    const malformed = await call(sandbox, 'POST', '/api/v1/bot/', { body: { meeting_url: 'https://example.com/call' } });
    expect(malformed.json).toEqual({ meeting_url: ['The meeting_url is malformed, or for an unsupported platform.'] });
    const longName = await call(sandbox, 'POST', '/api/v1/bot/', { body: { meeting_url: MEET_URL, bot_name: 'n'.repeat(101) } });
    expect(longName.status).toBe(400);
    expect(longName.json).toEqual({ bot_name: ['Ensure this field has no more than 100 characters.'] });
  });
});

describe('bot lifecycle', () => {
  it('goes joining_call → in_call_not_recording → in_call_recording with timestamps in order', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox);
    const recording = await waitForStatus(sandbox, String(bot.id), 'in_call_recording');
    expect(statusCodes(recording)).toEqual(['joining_call', 'in_call_not_recording', 'in_call_recording']);
    const times = asArray(recording.status_changes).map((s) => Date.parse(String(asObject(s).created_at)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const change of asArray(recording.status_changes)) expect(asObject(change)).toMatchObject({ message: null, sub_code: null });
    const [rec] = asArray(recording.recordings).map(asObject);
    expect(rec).toMatchObject({ status: { code: 'processing' }, completed_at: null, media_shortcuts: { video_mixed: { status: { code: 'processing' }, data: { download_url: null } } } });
  });

  it('passes through the waiting room when metadata.sandbox_waiting_room_seconds is set', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { recording_config: null, metadata: { sandbox_waiting_room_seconds: '5' } });
    const inCall = await waitForStatus(sandbox, String(bot.id), 'in_call_not_recording');
    expect(statusCodes(inCall)).toEqual(['joining_call', 'in_waiting_room', 'in_call_not_recording']);
  });

  it('clears join_at once the bot is in the call', async () => {
    const sandbox = await testSandbox({ speed: 600 });
    const joinAt = new Date(Date.now() + 5 * 60_000).toISOString();
    const bot = await createBot(sandbox, { join_at: joinAt, recording_config: null });
    expect(bot.join_at).not.toBeNull();
    const inCall = await waitForStatus(sandbox, String(bot.id), 'in_call_not_recording');
    expect(inCall.join_at).toBeNull();
  });

  it('DELETE removes a bot that has not been dispatched (204), and answers 405 once it has', async () => {
    const sandbox = await testSandbox();
    const scheduled = await createBot(sandbox, { join_at: new Date(Date.now() + 3_600_000 * 24 * 30).toISOString() });
    const deleted = await call(sandbox, 'DELETE', `/api/v1/bot/${String(scheduled.id)}/`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call(sandbox, 'GET', `/api/v1/bot/${String(scheduled.id)}/`)).status).toBe(404);
    const adHoc = await createBot(sandbox);
    await waitForStatus(sandbox, String(adHoc.id), 'joining_call');
    expect((await call(sandbox, 'DELETE', `/api/v1/bot/${String(adHoc.id)}/`)).status).toBe(405);
  });

  it('leave_call → call_ended (bot_received_leave_call) → done', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { recording_config: null });
    const id = String(bot.id);
    await waitForStatus(sandbox, id, 'in_call_not_recording');
    const left = await call(sandbox, 'POST', `/api/v1/bot/${id}/leave_call/`);
    expect(left.status).toBe(200);
    expect(asArray(asObject(left.json).status_changes).map(asObject).at(-1)).toMatchObject({ code: 'call_ended', sub_code: 'bot_received_leave_call' });
    const done = await waitForStatus(sandbox, id, 'done');
    expect(statusCodes(done).slice(-2)).toEqual(['call_ended', 'done']);
  });

  it('a bot told to fail through metadata.sandbox_fatal ends in fatal with that sub_code', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { metadata: { sandbox_fatal: 'meeting_not_found' } });
    const failed = await waitForStatus(sandbox, String(bot.id), 'fatal');
    expect(asArray(failed.status_changes).map(asObject).at(-1)).toMatchObject({ code: 'fatal', sub_code: 'meeting_not_found' });
  });
});

describe('bot list', () => {
  it('paginates by page number with absolute next/previous links', async () => {
    const sandbox = await testSandbox();
    for (let i = 0; i < 12; i++) await createBot(sandbox, { metadata: { n: String(i) } });
    const first = asObject((await call(sandbox, 'GET', '/api/v1/bot/')).json);
    expect(first.count).toBe(12);
    expect(asArray(first.results)).toHaveLength(10);
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`${sandbox.baseUrl}/api/v1/bot/?page=2`);
    const second = asObject((await call(sandbox, 'GET', new URL(String(first.next)).pathname + new URL(String(first.next)).search)).json);
    expect(asArray(second.results)).toHaveLength(2);
    expect(second.next).toBeNull();
    expect(second.previous).toBe(`${sandbox.baseUrl}/api/v1/bot/?page=1`);
    const ids = [...asArray(first.results), ...asArray(second.results)].map((b) => asObject(b).id);
    expect(new Set(ids).size).toBe(12);
    expect((await call(sandbox, 'GET', '/api/v1/bot/?page=3')).status).toBe(404);
  });

  it('filters by status (repeatable) and metadata__KEY', async () => {
    const sandbox = await testSandbox();
    const a = await createBot(sandbox, { recording_config: null, metadata: { team: 'red' } });
    const b = await createBot(sandbox, { metadata: { team: 'blue' } });
    await waitForStatus(sandbox, String(a.id), 'in_call_not_recording');
    await waitForStatus(sandbox, String(b.id), 'in_call_recording');
    const ids = async (query: string): Promise<unknown[]> =>
      asArray(asObject((await call(sandbox, 'GET', `/api/v1/bot/?${query}`)).json).results).map((x) => asObject(x).id);
    expect(await ids('status=in_call_recording')).toEqual([b.id]);
    expect(new Set(await ids('status=in_call_recording&status=in_call_not_recording'))).toEqual(new Set([a.id, b.id]));
    expect(await ids('metadata__team=red')).toEqual([a.id]);
    expect(await ids('metadata__team=green')).toEqual([]);
    const bad = await call(sandbox, 'GET', '/api/v1/bot/?status=bogus');
    expect(bad.status).toBe(400);
    expect(asObject(bad.json).status).toBeDefined();
  });
});

describe('wrong-state commands over HTTP', () => {
  it('answers 400 {code, detail} with the documented and sandbox codes', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { recording_config: null });
    const id = String(bot.id);
    const post = async (command: string): Promise<JsonObject> => {
      const reply = await call(sandbox, 'POST', `/api/v1/bot/${id}/${command}/`);
      expect(reply.status).toBe(400);
      return asObject(reply.json);
    };
    expect(await post('pause_recording')).toMatchObject({ code: 'cannot_command_unstarted_bot' });
    await waitForStatus(sandbox, id, 'in_call_not_recording');
    expect(await post('pause_recording')).toMatchObject({ code: 'sandbox_not_recording' });
    expect(await post('resume_recording')).toMatchObject({ code: 'sandbox_not_paused' });
    expect(await post('stop_recording')).toMatchObject({ code: 'sandbox_no_active_recording' });
    sandbox.endCall(id);
    expect(lastStatus(await getBot(sandbox, id))).toBe('call_ended');
    const ended = await post('start_recording');
    expect(ended).toEqual({ code: 'cannot_command_completed_bot', detail: expect.any(String) });
  });
});
