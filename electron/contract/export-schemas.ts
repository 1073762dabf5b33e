// Zod validators of the clean export's request payloads (kept apart from export.ts so the preload
// bundle stays zod-free). Recording ids must be exact UUIDs: they come from rows the core listed.
import { z } from 'zod';
import { EXPORT_CHANNELS } from './export';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const recordingRequest = z.strictObject(
  {
    recordingId: z
      .string({ error: 'The recording ID must be text.' })
      .trim()
      .regex(UUID, 'That is not a recording ID: expected a UUID like 0b7c1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e.')
      .transform((id) => id.toLowerCase()),
  },
  { error: 'Expected { recordingId }.' },
);

export const exportSchemas = {
  [EXPORT_CHANNELS.exportStart]: recordingRequest,
  [EXPORT_CHANNELS.exportCancel]: recordingRequest,
  [EXPORT_CHANNELS.exportList]: z.undefined({ error: 'This call takes no arguments.' }),
  [EXPORT_CHANNELS.exportOpen]: recordingRequest,
  [EXPORT_CHANNELS.exportShowInFolder]: recordingRequest,
} as const;
