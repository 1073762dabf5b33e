// The fault matrix: every user action (control presses, list, select, download, clean export,
// connect) under every fault, as data — how each fault is made, which cells cannot happen and why,
// and what each cell must end in. fault-cases.ts runs it; RELIABILITY.md's table is rendered from
// the same list and checked against what the run observed.
import type { EndpointClass, FaultConfig } from '../../../electron/sandbox';
import type { ErrorKind } from '../../../electron/contract';

export const ACTIONS = ['pause', 'resume', 'start', 'stop', 'leave', 'list', 'select', 'download', 'export', 'connect'] as const;
export type ActionId = (typeof ACTIONS)[number];
export type ControlActionId = 'pause' | 'resume' | 'start' | 'stop' | 'leave';

export const FAULTS = ['429', '500', '500-after-apply', '502', '503', '507', 'timeout', 'reset', 'dns', 'revoked', 'deleted', 'media-expiry'] as const;
export type FaultId = (typeof FAULTS)[number];

export const ACTION_LABELS: Record<ActionId, string> = {
  pause: 'Pause',
  resume: 'Resume',
  start: 'Start',
  stop: 'Stop',
  leave: 'Leave call',
  list: 'List bots',
  select: 'Select bot',
  download: 'Download',
  export: 'Clean export',
  connect: 'Connect (live key)',
};

/** How each fault is made (the table's legend). */
export const FAULT_LABELS: Record<FaultId, string> = {
  '429': '429 ×2, Retry-After 1 s',
  '500': '500 once',
  '500-after-apply': '500 once, after the action was applied (answer lost)',
  '502': '502 once (HTML page)',
  '503': '503 on every attempt',
  '507': '507 once',
  timeout: 'timeout (no answer within the client timeout)',
  reset: 'connection reset',
  dns: 'DNS failure',
  revoked: 'revoked key (401)',
  deleted: 'deleted bot / recording (404)',
  'media-expiry': 'media URL expires mid-download',
};

export const CONTROL_ACTIONS: readonly ControlActionId[] = ['pause', 'resume', 'start', 'stop', 'leave'];

export function isControl(action: ActionId): action is ControlActionId {
  return (CONTROL_ACTIONS as readonly string[]).includes(action);
}

/** The sandbox endpoint classes an action's requests fall in (latency and "every attempt" faults target them). */
export const ACTION_CLASSES: Record<ActionId, EndpointClass[]> = {
  pause: ['control'],
  resume: ['control'],
  start: ['control'],
  stop: ['control'],
  leave: ['control'],
  list: ['list'],
  select: ['retrieve'],
  download: ['artifact_retrieve'],
  export: ['retrieve', 'artifact_retrieve'],
  connect: ['list'],
};

/** Cells that cannot happen, and why. */
export function notApplicable(action: ActionId, fault: FaultId): string | null {
  if (fault === 'media-expiry' && action !== 'download') return 'no media transfer';
  if (fault === '500-after-apply' && !isControl(action)) return 'nothing to apply (read only)';
  if (fault === 'deleted' && action === 'list') return 'no id involved';
  return null;
}

/** Error kinds: the contract's, or a download's own (DownloadErrorKind: 'api', 'network'…). */
export type Expected = { outcome: 'confirmed' } | { outcome: 'error'; kind: ErrorKind | 'api' };

const confirmed: Expected = { outcome: 'confirmed' };
const error = (kind: ErrorKind | 'api'): Expected => ({ outcome: 'error', kind });

/**
 * What each cell must end in. Transient faults are retried (same Idempotency-Key) and confirm;
 * an API call does not retry a 500 (not known to be transient) and reports it — unless the bot's
 * state shows the action happened; persistent faults and permanent errors (401, 404, DNS) are
 * reported with their kind.
 */
export function expected(action: ActionId, fault: FaultId): Expected {
  switch (fault) {
    case '429':
      // Connecting checks the key with one retry only, so two 429s in a row are reported.
      return action === 'connect' ? error('rate_limited') : confirmed;
    case '500':
      // The download manager retries a failed read of the recording; the API calls do not.
      return action === 'download' ? confirmed : error('server');
    case '500-after-apply':
      // The action went through: the bot's state, read after the failure, confirms it.
      return confirmed;
    case '502':
    case '507':
    case 'reset':
    case 'media-expiry':
      return confirmed;
    case '503':
      return error('server');
    case 'timeout':
      // A control POST that timed out was still applied: its retry (same key) gets the replay.
      // A stalled download is retried, then reported with the download's own error kind.
      return isControl(action) ? confirmed : action === 'download' ? error('network') : error('timeout');
    case 'dns':
      return error('network');
    case 'revoked':
      // A download reports Recall's refusals as its 'api' kind, with the same sentence.
      return action === 'download' ? error('api') : error('auth');
    case 'deleted':
      return error('not_found');
  }
}

/** Sandbox faults for a cell (wire faults — reset, DNS, key, deleted — are made by the lab). */
export function sandboxFaults(action: ActionId, fault: FaultId, media: { size: number }): Partial<FaultConfig> | null {
  const classes = ACTION_CLASSES[action];
  switch (fault) {
    case '429':
      return { rateLimitBurst: 2, retryAfterSeconds: 1 };
    case '500':
      return { failNext: { count: 1, status: 500 } };
    case '500-after-apply':
      return { failNext: { count: 1, status: 500, afterApply: true } };
    case '502':
      return { failNext: { count: 1, status: 502 } };
    case '503':
      return { errorRate: 1, errorStatuses: [503], errorClasses: classes };
    case '507':
      return { failNext: { count: 1, status: 507 }, retryAfterSeconds: 1 };
    case 'timeout':
      // A download waits for data (idle timeout), not for a whole answer: the media itself stalls.
      return action === 'download' ? { latencyMs: { media: 3_000 } } : { latencyMs: Object.fromEntries(classes.map((c) => [c, 1_000])) };
    case 'reset':
      // The sandbox cuts the media transfer itself, a third of the way in, on every attempt.
      return action === 'download' ? { truncateMediaAtBytes: Math.floor(media.size / 3) } : null;
    case 'media-expiry':
      // The link lives 2 sandbox seconds (0.1 s here); the transfer is slowed and cut halfway, so
      // the resume needs a fresh link.
      return { urlTtlSeconds: 2, throttleMediaBps: media.size, truncateMediaAtBytes: Math.floor(media.size / 2) };
    default:
      return null;
  }
}

export interface Observation {
  outcome: 'confirmed' | 'error';
  kind: string | null;
  /** What the user reads: the confirmation or the error sentence. */
  message: string;
  /** What happened on Recall's side or on disk. */
  effect: string;
}

/** Run-specific details (ids, ports, temp folders) out of a message, so the table stays stable. */
export function normalizeMessage(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '‹id›')
    .replace(/127\.0\.0\.1:\d+/g, '‹host›')
    .replace(/\/tmp\/[^\s)'"]+/g, '‹path›')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TableRow {
  action: ActionId;
  fault: FaultId;
  outcome: string;
  message: string;
  effect: string;
}

export function outcomeText(observation: Observation): string {
  return observation.outcome === 'confirmed' ? '✅ confirmed' : `⚠️ error \`${observation.kind ?? '?'}\``;
}

export function rowFor(action: ActionId, fault: FaultId, observation: Observation | null): TableRow {
  const na = notApplicable(action, fault);
  if (na !== null || observation === null) {
    return { action, fault, outcome: 'n/a', message: na ?? 'not run', effect: '—' };
  }
  return { action, fault, outcome: outcomeText(observation), message: normalizeMessage(observation.message), effect: observation.effect };
}

export function renderTable(rows: readonly TableRow[]): string {
  const lines = ['| Action | Fault | Outcome | What the user sees | Effect |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(`| ${ACTION_LABELS[row.action]} | ${FAULT_LABELS[row.fault]} | ${row.outcome} | ${row.message} | ${row.effect} |`);
  }
  return lines.join('\n');
}

/** The rows of a rendered table, by cell, for comparison. */
export function parseTable(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Action |'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\)\| /)
        .map((cell) => cell.trim()),
    );
}

/** The markers around a group's generated table in RELIABILITY.md. */
export function tableMarkers(section: string): { start: string; end: string } {
  return {
    start: `<!-- fault-table:${section}:start (generated by tests/integration/hardening; UPDATE_RELIABILITY=1 rewrites it) -->`,
    end: `<!-- fault-table:${section}:end -->`,
  };
}
