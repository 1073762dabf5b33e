// Pause spans from the bot's own `status_changes` (Recall's clock): inside a running recording,
// `in_call_not_recording` is a pause (recall-api.md §5.2) and `in_call_recording` the resume;
// the `in_call_not_recording` reported at about `completed_at` is the stop, not a pause.
import type { Bot, BotRecording } from '../recall';
import type { PauseSpanInput } from './pause-spans';

/** How far before `completed_at` a not-recording status still counts as the stop itself. */
const STOP_TOLERANCE_MS = 1_000;
const CALL_OVER = new Set(['call_ended', 'done', 'fatal']);

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

interface TimedChange {
  code: string;
  at: number;
  index: number;
}

/** The bot's status changes in time order (ties keep API order); sort once per bot, not per recording. */
export function sortedStatusChanges(bot: Bot): TimedChange[] {
  return bot.status_changes
    .map((c, index) => ({ code: c.code, at: time(c.created_at), index }))
    .filter((c): c is TimedChange => c.at !== null)
    .sort((a, b) => a.at - b.at || a.index - b.index);
}

/** Index of the first change strictly after `at` (binary search over the sorted changes). */
function firstAfter(changes: readonly TimedChange[], at: number): number {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((changes[mid]?.at ?? Infinity) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pauseSpansFromStatusHistory(
  bot: Bot,
  recording: BotRecording,
  changes: readonly TimedChange[] = sortedStatusChanges(bot),
): PauseSpanInput[] {
  const start = time(recording.started_at) ?? time(recording.created_at);
  if (start === null) return [];
  const end = time(recording.completed_at);
  const spans: PauseSpanInput[] = [];
  let open: number | null = null;
  for (let i = firstAfter(changes, start); i < changes.length; i++) {
    const change = changes[i];
    if (change === undefined) break;
    if (end !== null && change.at >= end - STOP_TOLERANCE_MS) break;
    if (change.code === 'in_call_not_recording') open ??= change.at;
    else if (open !== null && (change.code === 'in_call_recording' || CALL_OVER.has(change.code))) {
      spans.push({ pausedAt: open, resumedAt: change.at });
      open = null;
    }
  }
  if (open !== null) spans.push({ pausedAt: open, resumedAt: null });
  return spans;
}
