// The sample payloads the client tests serve must be real Recall payloads: each one validates
// against Recall's published OpenAPI components, and the client's zod schemas parse them.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import {
  BotSchema,
  PaginatedBotListSchema,
  RecordingListSchema,
  RecordingSchema,
  VideoMixedSchema,
} from '../../../electron/core/recall';
import {
  BOT,
  BOT_EVENT,
  PAGINATED_BOT_LIST,
  PAGINATED_RECORDING_LIST,
  RECORDING,
  VIDEO_MIXED_ARTIFACT,
  loadRecallSchema,
  recallSchemaErrors,
  toJsonSchema,
} from '../../support/openapi';

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/recall/', import.meta.url));

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8')) as unknown;
}

/** Every sample payload → the OpenAPI component it claims to be and the client schema that reads it. */
const SAMPLES: Record<string, { component: string; schema: z.ZodType }> = {
  'bot-created': { component: BOT, schema: BotSchema },
  'bot-recording': { component: BOT, schema: BotSchema },
  'bot-paused': { component: BOT, schema: BotSchema },
  'bot-stopped': { component: BOT, schema: BotSchema },
  'bot-ended': { component: BOT, schema: BotSchema },
  recording: { component: RECORDING, schema: RecordingSchema },
  'video-mixed': { component: VIDEO_MIXED_ARTIFACT, schema: VideoMixedSchema },
  'bot-list-page-1': { component: PAGINATED_BOT_LIST, schema: PaginatedBotListSchema },
  'bot-list-page-2': { component: PAGINATED_BOT_LIST, schema: PaginatedBotListSchema },
  'recording-list': { component: PAGINATED_RECORDING_LIST, schema: RecordingListSchema },
};

describe('sample Recall payloads', () => {
  test('every JSON sample in tests/fixtures/recall is covered here', () => {
    const files = readdirSync(FIXTURE_DIR)
      .filter((f) => f.endsWith('.json') && f !== 'recall-openapi.json')
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual(Object.keys(SAMPLES).sort());
  });

  test.each(Object.entries(SAMPLES))('%s conforms to the published OpenAPI schema', (name, { component }) => {
    expect(recallSchemaErrors(component, fixture(name))).toBeNull();
  });

  test.each(Object.entries(SAMPLES))('%s is parsed by the client schema without losing fields', (name, { schema }) => {
    const raw = fixture(name);
    const parsed = schema.safeParse(raw);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(parsed.data).toMatchObject(raw as object);
  });
});

describe('known contradictions between the schema and Recall’s documented examples', () => {
  // reference/README.md: the docs show status_changes[].message/sub_code as null and, with
  // "forever" retention, Recording.expires_at as null; the schema says string for both. The
  // patched validator accepts both readings; the unpatched one proves the patch is needed.
  const statusChange = { code: 'in_call_recording', message: null, sub_code: null, created_at: '2025-06-10T14:02:00.000000Z' };

  test('BotEvent message/sub_code null: rejected as published, accepted once patched', () => {
    expect(recallSchemaErrors(BOT_EVENT, statusChange, { patchContradictions: false })).toMatch(/message|sub_code/);
    expect(recallSchemaErrors(BOT_EVENT, statusChange)).toBeNull();
    expect(recallSchemaErrors(BOT_EVENT, { ...statusChange, message: 'Joined', sub_code: 'x' })).toBeNull();
  });

  test('Recording.expires_at null: rejected as published, accepted once patched', () => {
    const recording = fixture('recording') as Record<string, unknown>;
    expect(recording.expires_at).toBeNull();
    expect(recallSchemaErrors(RECORDING, recording, { patchContradictions: false })).toMatch(/expires_at/);
    expect(recallSchemaErrors(RECORDING, recording)).toBeNull();
    expect(recallSchemaErrors(RECORDING, { ...recording, expires_at: '2025-06-17T09:45:00.000000Z' })).toBeNull();
  });
});

describe('the validator is not vacuous', () => {
  test('a bot without its id, or with a malformed timestamp, is rejected', () => {
    const bot = fixture('bot-recording') as Record<string, unknown>;
    const { id: _id, ...withoutId } = bot;
    expect(recallSchemaErrors(BOT, withoutId)).toMatch(/id/);
    const badTime = structuredClone(bot) as { status_changes: Array<{ created_at: string }> };
    badTime.status_changes[0]!.created_at = 'yesterday';
    expect(recallSchemaErrors(BOT, badTime)).toMatch(/status_changes\/0\/created_at/);
  });

  test('a video_mixed with a format other than mp4 is rejected', () => {
    const vm = fixture('video-mixed') as Record<string, unknown>;
    expect(recallSchemaErrors(VIDEO_MIXED_ARTIFACT, { ...vm, format: 'webm' })).toMatch(/format/);
  });

  test('loading an unknown component fails loudly', () => {
    expect(() => loadRecallSchema('NoSuchComponent')).toThrow(/NoSuchComponent/);
  });
});

describe('OpenAPI → JSON Schema conversion', () => {
  test('nullable becomes anyOf with null, OpenAPI-only keywords and x- extensions are dropped', () => {
    const converted = toJsonSchema({
      type: 'object',
      readOnly: true,
      example: { a: 1 },
      'x-label': 'ignored',
      properties: {
        example: { type: 'string', nullable: true, writeOnly: true },
        ref: { allOf: [{ $ref: '#/components/schemas/Bot' }], nullable: true },
      },
      discriminator: { propertyName: 'type' },
    });
    expect(converted).toEqual({
      type: 'object',
      properties: {
        example: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        ref: { anyOf: [{ allOf: [{ $ref: 'recall-openapi#/$defs/Bot' }] }, { type: 'null' }] },
      },
    });
  });

  test('enum, default and required values are copied as data, not converted', () => {
    const converted = toJsonSchema({ type: 'string', enum: ['a', 'b'], default: { nullable: true }, required: ['x'] });
    expect(converted).toEqual({ type: 'string', enum: ['a', 'b'], default: { nullable: true }, required: ['x'] });
  });
});
