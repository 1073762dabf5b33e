// Zod validators for every channel's request payload. Payloads arrive as `unknown` from a
// renderer we do not trust blindly; the core parses them here before any handler runs.
import { z } from 'zod';
import { CHANNELS } from './channels';
import type { Channel } from './channels';
import { librarySchemas } from './library-schemas';
import { exportSchemas } from './export-schemas';
import { automationSchemas } from './automation-schemas';

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

const pressActionSchema = z.enum(['pause', 'resume', 'start', 'stop', 'leave', 'toggle-pause'], {
  error: 'Unknown action: expected pause, resume, start, stop, leave or toggle-pause.',
});
const hotkeyActionSchema = z.enum(['toggle-pause', 'pause', 'resume', 'start', 'stop', 'show-window'], {
  error: 'Unknown shortcut action: expected toggle-pause, pause, resume, start, stop or show-window.',
});
const regionSchema = z.enum(['us-west-2', 'us-east-1', 'eu-central-1', 'ap-northeast-1'], {
  error: 'Unknown region: expected us-west-2, us-east-1, eu-central-1 or ap-northeast-1.',
});

/** Where to connect. The key is optional on update: omitted = keep the saved one. */
const connectionSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('sandbox') }),
    z.strictObject({
      mode: z.literal('live'),
      apiKey: z.string().trim().min(1, 'Enter your Recall API key.').max(512, 'That is too long to be an API key.').optional(),
      region: regionSchema.optional(),
      customBaseUrl: z.string().trim().max(2048, 'That URL is too long.').nullable().optional(),
      /** Linux without a keyring: the user accepted that the key is stored as plain text. */
      allowPlainTextStorage: z.boolean().optional(),
    }),
  ],
  { error: 'Expected { mode: "sandbox" } or { mode: "live", apiKey?, region?, customBaseUrl? }.' },
);

const createBotSchema = z.strictObject(
  {
    meetingUrl: z
      .string({ error: 'The meeting URL must be text.' })
      .trim()
      .min(1, 'Paste the meeting link first.')
      .max(2048, 'That meeting URL is too long.')
      .refine((v) => /^https?:\/\//i.test(v), 'The meeting link must start with https://'),
    botName: z.string().trim().min(1, 'Give the bot a name, or leave it out.').max(100, 'Bot names are at most 100 characters.').optional(),
    /** "I'll start recording myself": recording_config null, nothing recorded until Start. */
    manual: z.boolean().default(true),
  },
  { error: 'Expected { meetingUrl, botName?, manual? }.' },
);

const schemas = {
  [CHANNELS.getInfo]: noPayload,
  [CHANNELS.getState]: noPayload,
  [CHANNELS.listBots]: noPayload,
  [CHANNELS.selectBot]: z.strictObject({ botId: botIdSchema }, { error: 'Expected { botId }.' }),
  [CHANNELS.createBot]: createBotSchema,
  [CHANNELS.press]: z.strictObject(
    { action: pressActionSchema, confirm: z.boolean().optional() },
    { error: 'Expected { action, confirm? }.' },
  ),
  [CHANNELS.getConnection]: noPayload,
  [CHANNELS.setConnection]: connectionSchema,
  [CHANNELS.getHotkeys]: noPayload,
  [CHANNELS.setHotkey]: z.strictObject(
    {
      action: hotkeyActionSchema,
      accelerator: z.string().trim().min(1, 'Press a key combination, or clear the shortcut.').max(100, 'That shortcut is too long.').nullable(),
    },
    { error: 'Expected { action, accelerator }.' },
  ),
  [CHANNELS.resetHotkeys]: noPayload,
  [CHANNELS.suspendHotkeys]: z.strictObject({ suspended: z.boolean() }, { error: 'Expected { suspended }.' }),
  [CHANNELS.getPreferences]: noPayload,
  [CHANNELS.updatePreferences]: z.strictObject(
    {
      notifications: z.strictObject({ enabled: z.boolean().optional(), onHotkeyConfirm: z.boolean().optional() }).optional(),
      launchAtLogin: z.boolean().optional(),
      downloadDir: z.string().trim().min(1).max(4096).nullable().optional(),
    },
    { error: 'Expected { notifications?, launchAtLogin?, downloadDir? }.' },
  ),
  [CHANNELS.getTrayModel]: noPayload,
  ...librarySchemas,
  ...exportSchemas,
  ...automationSchemas,
} as const;

type Schemas = typeof schemas;
/** What a caller passes on a channel, before validation. */
export type RequestInput<C extends Channel> = z.input<Schemas[C]>;
/** What a handler receives, after validation and normalisation. */
export type RequestParsed<C extends Channel> = z.output<Schemas[C]>;

// Typed per channel (not as the literal object) so generic code can index it by a channel type.
export const requestSchemas: { [C in Channel]: z.ZodType<RequestParsed<C>, RequestInput<C>> } = schemas;
