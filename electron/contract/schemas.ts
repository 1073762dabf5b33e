// Zod validators for every channel's request payload. Payloads arrive as `unknown` from a
// renderer we do not trust blindly; the core parses them here before any handler runs.
import { z } from 'zod';
import { CHANNELS } from './channels';
import type { Channel } from './channels';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * A bot id as pasted by a user: a bare UUID, or any text holding exactly one (a dashboard URL,
 * a log line). Normalised to the lower-case UUID.
 */
export const botIdSchema = z
  .string({ error: 'The bot ID must be text.' })
  .trim()
  .min(1, 'Paste a bot ID first.')
  .max(2048, 'That is too long to be a bot ID.')
  .transform((text, ctx) => {
    const found = text.match(new RegExp(UUID.source, 'gi')) ?? [];
    const unique = [...new Set(found.map((id) => id.toLowerCase()))];
    if (unique.length === 1 && unique[0] !== undefined) return unique[0];
    ctx.addIssue({
      code: 'custom',
      message:
        unique.length === 0
          ? 'That is not a bot ID: expected a UUID like 0b7c1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e.'
          : 'That text holds several UUIDs: paste just the one bot ID.',
    });
    return z.NEVER;
  });

const noPayload = z.undefined({ error: 'This call takes no arguments.' });

const schemas = {
  [CHANNELS.getInfo]: noPayload,
  [CHANNELS.getState]: noPayload,
  [CHANNELS.listBots]: noPayload,
  [CHANNELS.selectBot]: z.strictObject({ botId: botIdSchema }, { error: 'Expected { botId }.' }),
} as const;

type Schemas = typeof schemas;
/** What a caller passes on a channel, before validation. */
export type RequestInput<C extends Channel> = z.input<Schemas[C]>;
/** What a handler receives, after validation and normalisation. */
export type RequestParsed<C extends Channel> = z.output<Schemas[C]>;

// Typed per channel (not as the literal object) so generic code can index it by a channel type.
export const requestSchemas: { [C in Channel]: z.ZodType<RequestParsed<C>, RequestInput<C>> } = schemas;
