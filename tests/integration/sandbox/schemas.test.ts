// Every JSON shape the sandbox serves validates against Recall's published OpenAPI components
// (with the two documented contradictions patched by tests/support/openapi.ts).
import { describe, expect, it } from 'vitest';
import {
  BOT,
  PAGINATED_BOT_LIST,
  PAGINATED_RECORDING_LIST,
  PAGINATED_VIDEO_MIXED_ARTIFACT_LIST,
  RECORDING,
  VIDEO_MIXED_ARTIFACT,
  recallSchemaErrors,
} from '../../support/openapi';
import {
  asObject,
  call,
  createBot,
  recordingBot,
  recordingsOf,
  testSandbox,
  videoMixedOf,
  waitForRecordingDone,
  waitForStatus,
  type JsonObject,
} from './helpers';

function expectValid(component: string, payload: unknown): void {
  expect(recallSchemaErrors(component, payload), `${component}: ${JSON.stringify(payload).slice(0, 400)}`).toBeNull();
}

async function json(sandbox: Awaited<ReturnType<typeof testSandbox>>, path: string): Promise<JsonObject> {
  const reply = await call(sandbox, 'GET', path);
  expect(reply.status, reply.text).toBe(200);
  return asObject(reply.json);
}

describe('served JSON conforms to the Recall OpenAPI schemas', () => {
  it('Bot in every phase, paginated bot lists, Recording, VideoMixed and the cursor lists', async () => {
    const sandbox = await testSandbox();
    const transcript = { transcript: { provider: { recallai_streaming: { language_code: 'en' } }, diarization: { use_separate_streams_when_available: true } } };
    expectValid(BOT, await createBot(sandbox));
    expectValid(BOT, await createBot(sandbox, { bot_name: 'Zoom', meeting_url: 'https://zoom.us/j/1234567890?pwd=x', recording_config: { ...transcript, retention: { type: 'forever' } } }));
    const teams = await createBot(sandbox, {
      meeting_url: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=${encodeURIComponent('{"Tid":"t","Oid":"o"}')}`,
      recording_config: null,
    });
    expectValid(BOT, teams);
    expectValid(BOT, await createBot(sandbox, { meeting_url: 'https://acme.webex.com/meet/jane', automatic_leave: { waiting_room_timeout: 600 } }));
    expectValid(BOT, await createBot(sandbox, { meeting_url: 'https://meet.google.com/abc-defg-hij', recording_config: { retention: { type: 'timed', hours: 24 } } }));

    const recording = await recordingBot(sandbox, { recording_config: transcript });
    const id = String(recording.id);
    expectValid(BOT, recording);
    const paused = asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/pause_recording/`)).json);
    expectValid(BOT, paused);
    expect(recordingsOf(paused)[0]?.status).toMatchObject({ code: 'paused' });
    expectValid(BOT, asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/resume_recording/`)).json));
    const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/stop_recording/`)).json);
    expectValid(BOT, stopped);
    const recordingId = String(recordingsOf(stopped)[0]?.id);
    expectValid(RECORDING, await json(sandbox, `/api/v1/recording/${recordingId}/`));
    const done = await waitForRecordingDone(sandbox, recordingId);
    expectValid(RECORDING, done);
    const video = videoMixedOf(done);
    expect(asObject(video.data).download_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_media\//);
    expectValid(VIDEO_MIXED_ARTIFACT, await json(sandbox, `/api/v1/video_mixed/${String(video.id)}/`));
    expectValid(BOT, await json(sandbox, `/api/v1/bot/${id}/`));

    await waitForStatus(sandbox, String(teams.id), 'in_call_not_recording');
    await call(sandbox, 'POST', `/api/v1/bot/${String(teams.id)}/start_recording/`, { body: {} });
    await call(sandbox, 'POST', `/api/v1/bot/${String(teams.id)}/leave_call/`);
    expectValid(BOT, await json(sandbox, `/api/v1/bot/${String(teams.id)}/`));

    const botList = await json(sandbox, '/api/v1/bot/?page_size=2');
    expect(botList.next).not.toBeNull();
    expectValid(PAGINATED_BOT_LIST, botList);
    expectValid(PAGINATED_BOT_LIST, await json(sandbox, '/api/v1/bot/?status=done'));
    const recordingList = await json(sandbox, '/api/v1/recording/?page_size=1');
    expect(recordingList.next).not.toBeNull();
    expectValid(PAGINATED_RECORDING_LIST, recordingList);
    expectValid(PAGINATED_RECORDING_LIST, await json(sandbox, `/api/v1/recording/?bot_id=${id}`));
    expectValid(PAGINATED_VIDEO_MIXED_ARTIFACT_LIST, await json(sandbox, '/api/v1/video_mixed/'));
    expectValid(PAGINATED_VIDEO_MIXED_ARTIFACT_LIST, await json(sandbox, `/api/v1/video_mixed/?recording_id=${recordingId}`));
  });
});
