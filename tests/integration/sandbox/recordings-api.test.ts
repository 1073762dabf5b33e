// Recording and video_mixed endpoints: URLs appear only when media is done, each retrieve signs
// afresh, cursor-paginated lists with filters, retention expiry and the transcript artifact.
import { describe, expect, it } from 'vitest';
import { asArray, asObject, call, createBot, recordingBot, recordingsOf, testSandbox, videoMixedOf, waitForRecordingDone, waitForStatus, wallSleep } from './helpers';

const path = (url: string): string => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('recordings and video_mixed', () => {
  it('has no download URL until the media is done, then a freshly signed one on every retrieve', async () => {
    const sandbox = await testSandbox();
    const bot = await recordingBot(sandbox);
    const id = String(bot.id);
    const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/stop_recording/`)).json);
    const recordingId = String(recordingsOf(stopped)[0]?.id);
    const processing = asObject((await call(sandbox, 'GET', `/api/v1/recording/${recordingId}/`)).json);
    expect(processing.status).toMatchObject({ code: 'processing' });
    expect(processing.completed_at).not.toBeNull();
    expect(videoMixedOf(processing)).toMatchObject({ status: { code: 'processing' }, data: { download_url: null } });

    const done = await waitForRecordingDone(sandbox, recordingId);
    const first = String(asObject(videoMixedOf(done).data).download_url);
    expect(first).toMatch(/\/_media\/[0-9a-f]{32}\/video\.mp4\?AWSAccessKeyId=.+&Expires=\d+&Signature=/);
    const expires = Number(new URL(first).searchParams.get('Expires'));
    expect(expires - Date.parse(String(asObject(done.status).updated_at)) / 1000).toBeGreaterThan(21_000);
    await wallSleep(100); // 5 sandbox seconds
    const again = asObject((await call(sandbox, 'GET', `/api/v1/recording/${recordingId}/`)).json);
    const second = String(asObject(videoMixedOf(again).data).download_url);
    expect(Number(new URL(second).searchParams.get('Expires'))).toBeGreaterThan(expires);
    const vm = asObject((await call(sandbox, 'GET', `/api/v1/video_mixed/${String(videoMixedOf(again).id)}/`)).json);
    expect(vm).toMatchObject({ recording: { id: recordingId }, format: 'mp4', status: { code: 'done' } });
    expect(String(asObject(vm.data).download_url)).toMatch(/video\.mp4/);
    const botView = asObject((await call(sandbox, 'GET', `/api/v1/bot/${id}/`)).json);
    expect(String(asObject(videoMixedOf(recordingsOf(botView)[0] ?? {}).data).download_url)).toMatch(/video\.mp4/);
  });

  it('lists recordings and video_mixed with cursor pagination and filters', async () => {
    const sandbox = await testSandbox({ startMode: 'keep' });
    const bot = await recordingBot(sandbox);
    const other = await recordingBot(sandbox);
    const id = String(bot.id);
    await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { body: {} });
    await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { body: {} });
    const mine = asObject((await call(sandbox, 'GET', `/api/v1/recording/?bot_id=${id}&page_size=2`)).json);
    expect(Object.keys(mine).sort()).toEqual(['next', 'previous', 'results']);
    expect(asArray(mine.results)).toHaveLength(2);
    expect(mine.previous).toBeNull();
    expect(String(mine.next)).toContain(`bot_id=${id}`);
    const rest = asObject((await call(sandbox, 'GET', path(String(mine.next)))).json);
    expect(asArray(rest.results)).toHaveLength(1);
    expect(rest.next).toBeNull();
    expect(rest.previous).not.toBeNull();
    const allMine = [...asArray(mine.results), ...asArray(rest.results)].map((r) => asObject(r));
    expect(new Set(allMine.map((r) => asObject(r.bot).id))).toEqual(new Set([id]));
    expect(allMine).toHaveLength(3);

    const target = String(allMine[0]?.id);
    const vms = asObject((await call(sandbox, 'GET', `/api/v1/video_mixed/?recording_id=${target}`)).json);
    expect(asArray(vms.results).map((v) => asObject(asObject(v).recording).id)).toEqual([target]);
    const everything = asObject((await call(sandbox, 'GET', '/api/v1/video_mixed/?page_size=100')).json);
    expect(asArray(everything.results)).toHaveLength(4);
    expect((await call(sandbox, 'GET', '/api/v1/recording/?cursor=forged')).status).toBe(404);
    expect((await call(sandbox, 'GET', '/api/v1/recording/?bot_id=not-a-uuid')).status).toBe(400);
    expect((await call(sandbox, 'GET', `/api/v1/recording/?bot_id=${String(other.id)}`)).status).toBe(200);
  });

  it('answers 404 for unknown recording and video_mixed ids', async () => {
    const sandbox = await testSandbox();
    for (const kind of ['recording', 'video_mixed']) {
      const reply = await call(sandbox, 'GET', `/api/v1/${kind}/3fa85f64-5717-4562-b3fc-2c963f66afa6/`);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ detail: 'Not found.' });
    }
  });

  it('honours timed retention: expires_at, then status deleted with no URL and the file gone', async () => {
    const sandbox = await testSandbox({ speed: 1800 });
    const bot = await createBot(sandbox, { recording_config: null });
    const id = String(bot.id);
    await waitForStatus(sandbox, id, 'in_call_not_recording');
    await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { body: { retention: { type: 'timed', hours: 1 } } });
    const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/stop_recording/`)).json);
    const recordingId = String(recordingsOf(stopped)[0]?.id);
    const done = await waitForRecordingDone(sandbox, recordingId);
    expect(Date.parse(String(done.expires_at)) - Date.parse(String(asObject(done.status).updated_at))).toBe(3_600_000);
    const url = String(asObject(videoMixedOf(done).data).download_url);
    expect(sandbox.mediaFile(recordingId)).not.toBeNull();
    await wallSleep(2_100); // > one sandbox hour
    const expired = asObject((await call(sandbox, 'GET', `/api/v1/recording/${recordingId}/`)).json);
    expect(expired.status).toMatchObject({ code: 'deleted' });
    expect(videoMixedOf(expired)).toMatchObject({ status: { code: 'deleted' }, data: { download_url: null } });
    expect(sandbox.mediaFile(recordingId)).toBeNull();
    const media = await fetch(url);
    expect(media.status).toBe(404);
    expect(await media.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('forever retention has no expires_at', async () => {
    const sandbox = await testSandbox();
    const bot = await recordingBot(sandbox, { recording_config: { retention: { type: 'forever' } } });
    const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${String(bot.id)}/stop_recording/`)).json);
    const done = await waitForRecordingDone(sandbox, String(recordingsOf(stopped)[0]?.id));
    expect(done.expires_at).toBeNull();
  });

  it('serves the transcript artifact like media when a transcript was requested', async () => {
    const sandbox = await testSandbox();
    const bot = await createBot(sandbox, { recording_config: null });
    const id = String(bot.id);
    await waitForStatus(sandbox, id, 'in_call_not_recording');
    await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { body: { transcript: { provider: { recallai_streaming: {} } } } });
    await wallSleep(60);
    const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${id}/stop_recording/`)).json);
    const done = await waitForRecordingDone(sandbox, String(recordingsOf(stopped)[0]?.id));
    const transcript = asObject(asObject(done.media_shortcuts).transcript);
    expect(transcript.status).toMatchObject({ code: 'done' });
    const url = String(asObject(transcript.data).download_url);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Array.isArray(await res.json())).toBe(true);
  });
});
