// Zod validators of the segments library's request payloads (kept apart from library.ts so the
// preload bundle stays zod-free). Ids must be exact UUIDs: these come from rows the core listed.
import { z } from 'zod';
import { LIBRARY_CHANNELS } from './library';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(what: string) {
  return z
    .string({ error: `The ${what} ID must be text.` })
    .trim()
    .regex(UUID, `That is not a ${what} ID: expected a UUID like 0b7c1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e.`)
    .transform((id) => id.toLowerCase());
}

const botIdSchema = uuid('bot');
const recordingIdSchema = uuid('recording');
const recordingRequest = z.strictObject({ recordingId: recordingIdSchema }, { error: 'Expected { recordingId }.' });

export const librarySchemas = {
  [LIBRARY_CHANNELS.libraryList]: z.strictObject({ botId: botIdSchema.optional() }, { error: 'Expected { botId? }.' }),
  [LIBRARY_CHANNELS.libraryDownload]: recordingRequest,
  [LIBRARY_CHANNELS.libraryDownloadAll]: z.strictObject({ botId: botIdSchema.optional() }, { error: 'Expected { botId? }.' }),
  [LIBRARY_CHANNELS.libraryCancel]: z.strictObject(
    { recordingId: recordingIdSchema, discard: z.boolean({ error: 'discard must be true or false.' }).optional() },
    { error: 'Expected { recordingId, discard? }.' },
  ),
  [LIBRARY_CHANNELS.libraryOpen]: recordingRequest,
  [LIBRARY_CHANNELS.libraryShowInFolder]: recordingRequest,
  [LIBRARY_CHANNELS.libraryPreviewSource]: recordingRequest,
  [LIBRARY_CHANNELS.libraryCopyLink]: recordingRequest,
} as const;
