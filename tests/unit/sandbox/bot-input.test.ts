import { describe, expect, it } from 'vitest';
import { validateCreateBot } from '../../../electron/sandbox/bot-input';
import { normalizeRecordingConfig } from '../../../electron/sandbox/recording-config';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const MEET = 'https://meet.google.com/abc-defg-hij';

describe('create-bot validation', () => {
  it('requires meeting_url and explains a malformed one, DRF style', () => {
    expect(validateCreateBot({}, NOW)).toEqual({ ok: false, errors: { meeting_url: ['This field is required.'] } });
    expect(validateCreateBot({ meeting_url: 'https://example.com/x' }, NOW)).toEqual({
      ok: false,
      errors: { meeting_url: ['The meeting_url is malformed, or for an unsupported platform.'] },
    });
    expect(validateCreateBot('nope', NOW)).toEqual({ ok: false, errors: { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] } });
  });

  it('limits bot_name to 100 characters', () => {
    expect(validateCreateBot({ meeting_url: MEET, bot_name: 'x'.repeat(101) }, NOW)).toEqual({
      ok: false,
      errors: { bot_name: ['Ensure this field has no more than 100 characters.'] },
    });
    expect(validateCreateBot({ meeting_url: MEET, bot_name: 'x'.repeat(100) }, NOW).ok).toBe(true);
  });

  it('reports every bad field at once, with nested recording_config errors', () => {
    const result = validateCreateBot({ meeting_url: 5, join_at: 'tomorrow', recording_config: { retention: { type: 'timed', hours: 0 }, start_recording_on: 'never' } }, NOW);
    expect(result).toEqual({
      ok: false,
      errors: {
        meeting_url: ['Not a valid string.'],
        join_at: [expect.stringMatching(/^Datetime has wrong format/)],
        recording_config: {
          retention: { hours: ['Ensure this value is greater than or equal to 1.'] },
          start_recording_on: ['"never" is not a valid choice.'],
        },
      },
    });
  });

  it('distinguishes omitted recording_config (defaults, auto-record) from null (manual)', () => {
    const auto = validateCreateBot({ meeting_url: MEET }, NOW);
    const manual = validateCreateBot({ meeting_url: MEET, recording_config: null }, NOW);
    expect(auto.ok && auto.input.recordingConfig?.start_recording_on).toBe('participant_join');
    expect(manual.ok && manual.input.recordingConfig).toBeNull();
  });

  it('schedules only a future join_at', () => {
    const future = validateCreateBot({ meeting_url: MEET, join_at: '2025-06-01T13:00:00Z' }, NOW);
    const past = validateCreateBot({ meeting_url: MEET, join_at: '2025-06-01T11:00:00Z' }, NOW);
    expect(future.ok && future.input.joinAt).toBe(Date.parse('2025-06-01T13:00:00Z'));
    expect(past.ok && past.input.joinAt).toBeNull();
  });

  it('reads the sandbox knobs from metadata and rejects bad numbers', () => {
    const ok = validateCreateBot({ meeting_url: MEET, metadata: { sandbox_waiting_room_seconds: '5', sandbox_fatal: 'meeting_not_found' } }, NOW);
    expect(ok.ok && ok.input.knobs).toEqual({ joinSeconds: 3, waitingRoomSeconds: 5, fatalSubCode: 'meeting_not_found' });
    expect(validateCreateBot({ meeting_url: MEET, metadata: { sandbox_join_seconds: '-1' } }, NOW)).toEqual({
      ok: false,
      errors: { metadata: ['sandbox_join_seconds must be a non-negative number of seconds.'] },
    });
  });
});

describe('recording config', () => {
  it('fills in Recall defaults for an empty config', () => {
    const result = normalizeRecordingConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        transcript: null,
        retention: { type: 'timed', hours: 168 },
        video_mixed_mp4: { metadata: {} },
        participant_events: { metadata: {} },
        meeting_metadata: { metadata: {} },
        video_mixed_layout: 'speaker_view',
        start_recording_on: 'participant_join',
        audio_mixed_mp3: null,
      },
    });
  });

  it('accepts forever and zero retention, and a transcript with a provider', () => {
    expect(normalizeRecordingConfig({ retention: { type: 'forever' } })).toMatchObject({ ok: true, config: { retention: { type: 'forever' } } });
    expect(normalizeRecordingConfig({ retention: null })).toMatchObject({ ok: true, config: { retention: null } });
    expect(normalizeRecordingConfig({ transcript: { provider: { recallai_streaming: {} } } })).toMatchObject({ ok: true });
    expect(normalizeRecordingConfig({ transcript: {} })).toEqual({ ok: false, errors: { transcript: { provider: ['This field is required.'] } } });
  });
});
