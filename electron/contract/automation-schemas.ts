// Zod validator of automation's request payloads (kept apart from automation.ts so the preload
// bundle stays zod-free). The shape is checked here; each value's range is the settings model's
// to judge, so a refused value is named with the same sentence the settings file would get.
import { z } from 'zod';
import { AUTOMATION_CHANNELS } from './automation';

const flag = z.boolean({ error: 'Expected true or false.' }).optional();
const number = z.number({ error: 'Expected a number.' }).optional();

const patchSchema = z.strictObject(
  {
    autoPause: z.strictObject({ onLock: flag, onSuspend: flag, resumeOnUnlock: flag }, { error: 'Expected { onLock?, onSuspend?, resumeOnUnlock? }.' }).optional(),
    pausedReminder: z.strictObject({ enabled: flag, everyMinutes: number }, { error: 'Expected { enabled?, everyMinutes? }.' }).optional(),
    leaveWarning: z
      .strictObject(
        {
          enabled: flag,
          minutesBefore: z.array(z.number({ error: 'Expected a number of minutes.' }), { error: 'Expected a list of minutes.' }).max(10, 'At most 10 warnings.').optional(),
          timeoutSeconds: number,
        },
        { error: 'Expected { enabled?, minutesBefore?, timeoutSeconds? }.' },
      )
      .optional(),
  },
  { error: 'Expected { autoPause?, pausedReminder?, leaveWarning? }.' },
);

export const automationSchemas = {
  [AUTOMATION_CHANNELS.getAutomation]: z.undefined({ error: 'This call takes no arguments.' }),
  [AUTOMATION_CHANNELS.updateAutomation]: patchSchema,
} as const;
