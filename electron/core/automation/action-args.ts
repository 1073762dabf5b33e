// The `--action` command line of the app binary (`Recall Remote --action toggle-pause`): which
// actions a system shortcut may forward to the running app, and a parser that finds them in an
// argv full of Chromium/Electron switches and app paths without trusting anything else in it.

/** What a system shortcut may ask the running app to do. Leave is irreversible: tray menu only. */
export const REMOTE_ACTIONS = ['pause', 'resume', 'start', 'stop', 'toggle-pause'] as const;
export type RemoteAction = (typeof REMOTE_ACTIONS)[number];

export function isRemoteAction(value: unknown): value is RemoteAction {
  return typeof value === 'string' && (REMOTE_ACTIONS as readonly string[]).includes(value);
}

export interface ActionRequest {
  readonly action: RemoteAction;
  /** Start may overwrite a running recording (otherwise Start while recording only arms). */
  readonly confirm: boolean;
}

export interface ActionInvocation extends ActionRequest {
  /** Print the outcome as one JSON object instead of a sentence. */
  readonly json: boolean;
}

export type ActionArgs =
  /** No `--action`: a normal launch of the app. */
  | { readonly kind: 'none' }
  | { readonly kind: 'action'; readonly invocation: ActionInvocation }
  /** `--action` was given but is unusable: print `message`, exit with the usage code. */
  | { readonly kind: 'invalid'; readonly message: string };

const VALID_LIST = REMOTE_ACTIONS.join(', ');
const SHOWN_MAX = 40;

function shown(value: string): string {
  const oneLine = [...value].map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join('');
  return oneLine.length > SHOWN_MAX ? `${oneLine.slice(0, SHOWN_MAX - 1)}…` : oneLine;
}

function actionFrom(raw: string): RemoteAction | { message: string } {
  const value = raw.trim().toLowerCase();
  if (value === '') return { message: `--action needs a value: one of ${VALID_LIST}` };
  if (isRemoteAction(value)) return value;
  return { message: `Unknown action "${shown(raw)}" — use one of ${VALID_LIST}` };
}

/**
 * Finds `--action X` / `--action=X` (and `--confirm`, `--json`) in a process argv. Everything else
 * is ignored: the executable, the app path in development, Chromium and Electron switches
 * (`--no-sandbox`, `--enable-features=…`), a macOS `-psn_…` argument. `--` ends the options.
 */
export function parseActionArgs(argv: readonly string[]): ActionArgs {
  let action: RemoteAction | null = null;
  let confirm = false;
  let json = false;
  let seen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--confirm') {
      confirm = true;
      continue;
    }
    if (arg === '--json') {
      json = true;
      continue;
    }
    let raw: string | null = null;
    if (arg.startsWith('--action=')) {
      raw = arg.slice('--action='.length);
    } else if (arg === '--action') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return { kind: 'invalid', message: `--action needs a value: one of ${VALID_LIST}` };
      raw = next;
      i++;
    }
    if (raw === null) continue;
    const parsed = actionFrom(raw);
    if (typeof parsed !== 'string') return { kind: 'invalid', message: parsed.message };
    if (seen && parsed !== action) return { kind: 'invalid', message: `--action was given twice ("${action}" and "${parsed}") — give one action` };
    action = parsed;
    seen = true;
  }
  if (action === null) return { kind: 'none' };
  return { kind: 'action', invocation: Object.freeze({ action, confirm, json }) };
}
