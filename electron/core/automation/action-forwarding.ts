// Both ends of `--action` forwarding over the single-instance lock, free of Electron: the second
// process sends the action with a reply address in the lock's additionalData and waits for the
// outcome; the running app reads that data (validated, never trusted), runs the action and answers.
import { z } from 'zod';
import { REMOTE_ACTIONS } from './action-args';
import type { ActionRequest } from './action-args';
import { ACTION_EXIT, ActionReplySchema } from './action-routing';
import type { ActionExitCode, ActionReply, ActionRouter } from './action-routing';
import { connectReplyEndpoint, NonceSchema, openReplyEndpoint } from './reply-channel';
import type { ReplyEndpoint, ReplyEndpointOptions, ReplySender } from './reply-channel';

/** The additionalData key; anything else in additionalData is not ours. */
export const FORWARD_KEY = 'recallRemoteAction';
export const FORWARD_PROTOCOL_VERSION = 1;
export const DEFAULT_ACK_TIMEOUT_MS = 10_000;
/** Covers the controller's confirmation (10 s) plus the client's retries on a slow network. */
export const DEFAULT_OUTCOME_TIMEOUT_MS = 60_000;

export const NOT_RUNNING_MESSAGE = 'Recall Remote is not running — start it first';

const ADDRESS_MAX = 300;

const ReplyToSchema = z.strictObject({ address: z.string().min(1).max(ADDRESS_MAX), nonce: NonceSchema });
export type ReplyTo = z.infer<typeof ReplyToSchema>;

/** Enough to answer even a request this version cannot run (e.g. from a newer `--action`). */
const EnvelopeReplyToSchema = z.looseObject({ [FORWARD_KEY]: z.looseObject({ replyTo: ReplyToSchema.nullable() }) });

const ForwardRequestSchema = z.strictObject({
  v: z.literal(FORWARD_PROTOCOL_VERSION),
  action: z.enum(REMOTE_ACTIONS),
  confirm: z.boolean(),
  replyTo: ReplyToSchema.nullable(),
});

const EnvelopeSchema = z.looseObject({ [FORWARD_KEY]: ForwardRequestSchema });

/** The lock's additionalData for a request (replyTo null: the answer cannot be received). */
export function forwardEnvelope(request: ActionRequest, replyTo: ReplyTo | null): Record<string, unknown> {
  return { [FORWARD_KEY]: { v: FORWARD_PROTOCOL_VERSION, action: request.action, confirm: request.confirm, replyTo } };
}

export type ForwardedRead =
  /** A plain second launch (or data that is not ours): show the window. */
  | { readonly kind: 'none' }
  | { readonly kind: 'action'; readonly request: ActionRequest; readonly replyTo: ReplyTo | null }
  /** Ours, but not a request this version can run. */
  | { readonly kind: 'invalid'; readonly replyTo: ReplyTo | null; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a second instance's additionalData in the running app. */
export function readForwardedAction(additionalData: unknown): ForwardedRead {
  if (!isRecord(additionalData) || !(FORWARD_KEY in additionalData)) return { kind: 'none' };
  const full = EnvelopeSchema.safeParse(additionalData);
  if (full.success) {
    const data = full.data[FORWARD_KEY];
    return { kind: 'action', request: { action: data.action, confirm: data.confirm }, replyTo: data.replyTo };
  }
  const partial = EnvelopeReplyToSchema.safeParse(additionalData);
  return {
    kind: 'invalid',
    replyTo: partial.success ? partial.data[FORWARD_KEY].replyTo : null,
    message: 'The running Recall Remote does not understand this --action request — if it was updated since it started, quit and restart it',
  };
}

export interface AnswerOptions {
  connect?: (address: string, nonce: string) => Promise<ReplySender>;
  /** Problems with the reply path; the action itself still runs and notifies. */
  log?: (message: string) => void;
}

function internalReply(action: ActionRequest['action'], error: unknown): ActionReply {
  const text = error instanceof Error ? error.message : String(error);
  return { action, status: 'error', exitCode: ACTION_EXIT.failed, kind: 'internal', message: `The action failed: ${text}`.slice(0, 500) };
}

/**
 * Runs a forwarded action in the running app and answers the waiting process: first "accepted",
 * then the outcome. The reply path failing never stops the action (its notification still shows).
 */
export async function answerForwardedAction(read: ForwardedRead, route: ActionRouter, opts: AnswerOptions = {}): Promise<ActionReply | null> {
  if (read.kind === 'none') return null;
  const log = opts.log ?? (() => undefined);
  const connectTo = opts.connect ?? ((address: string, nonce: string) => connectReplyEndpoint(address, nonce));
  let sender: ReplySender | null = null;
  if (read.replyTo) {
    try {
      sender = await connectTo(read.replyTo.address, read.replyTo.nonce);
      await sender.accepted();
    } catch (error) {
      log(`--action: no reply possible: ${error instanceof Error ? error.message : String(error)}`);
      sender?.close();
      sender = null;
    }
  }
  let reply: ActionReply;
  if (read.kind === 'invalid') {
    reply = { action: null, status: 'error', exitCode: ACTION_EXIT.usage, kind: 'invalid_request', message: read.message };
  } else {
    try {
      reply = ActionReplySchema.parse(await route(read.request));
    } catch (error) {
      reply = internalReply(read.request.action, error);
    }
  }
  if (sender) {
    try {
      await sender.outcome(reply);
    } catch (error) {
      log(`--action: the outcome could not be sent back: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return reply;
}

export type ForwardStatus = ActionReply['status'] | 'not_running' | 'no_answer' | 'timeout' | 'hung_up' | 'no_reply_channel' | 'lock_failed';

export interface ForwardResult {
  readonly status: ForwardStatus;
  readonly exitCode: ActionExitCode;
  readonly message: string;
  readonly reply: ActionReply | null;
  /** This process got the lock (no other instance runs): the caller must release it. */
  readonly heldLock: boolean;
}

export interface ForwardOptions {
  /** Electron's app.requestSingleInstanceLock(additionalData): true = this process is the only one. */
  requestLock: (additionalData: Record<string, unknown>) => boolean;
  endpoint?: ReplyEndpointOptions;
  openEndpoint?: (opts?: ReplyEndpointOptions) => Promise<ReplyEndpoint>;
  ackTimeoutMs?: number;
  outcomeTimeoutMs?: number;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** The `--action` process: forwards the request to the running app and waits for its outcome. */
export async function forwardAction(request: ActionRequest, opts: ForwardOptions): Promise<ForwardResult> {
  const ackTimeoutMs = opts.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const outcomeTimeoutMs = opts.outcomeTimeoutMs ?? DEFAULT_OUTCOME_TIMEOUT_MS;
  let endpoint: ReplyEndpoint | null = null;
  let endpointProblem = '';
  try {
    endpoint = await (opts.openEndpoint ?? openReplyEndpoint)(opts.endpoint);
  } catch (error) {
    endpointProblem = error instanceof Error ? error.message : String(error);
  }
  const result = (status: ForwardStatus, exitCode: ActionExitCode, message: string, heldLock = false, reply: ActionReply | null = null): ForwardResult => ({
    status,
    exitCode,
    message,
    reply,
    heldLock,
  });
  try {
    let held: boolean;
    try {
      held = opts.requestLock(forwardEnvelope(request, endpoint && { address: endpoint.address, nonce: endpoint.nonce }));
    } catch (error) {
      return result('lock_failed', ACTION_EXIT.failed, `Could not reach a running Recall Remote: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (held) return result('not_running', ACTION_EXIT.notRunning, NOT_RUNNING_MESSAGE, true);
    if (!endpoint) {
      return result('no_reply_channel', ACTION_EXIT.timeout, `Sent "${request.action}" to Recall Remote, but its answer cannot be received here (${endpointProblem}) — its notification shows the outcome`);
    }
    const waited = await endpoint.wait({ ackTimeoutMs, outcomeTimeoutMs });
    if (waited.kind === 'outcome') return result(waited.reply.status, waited.reply.exitCode, waited.reply.message, false, waited.reply);
    if (waited.kind === 'no_answer') {
      return result('no_answer', ACTION_EXIT.timeout, `Recall Remote is running but did not answer within ${seconds(ackTimeoutMs)} — if it was updated since it started, quit and restart it`);
    }
    if (waited.kind === 'timeout') {
      return result('timeout', ACTION_EXIT.timeout, `Recall Remote took the action but reported no outcome within ${seconds(outcomeTimeoutMs)} — its tray shows how it ended`);
    }
    return result('hung_up', ACTION_EXIT.timeout, 'Recall Remote closed before reporting the outcome — check its tray for the recording state');
  } finally {
    await endpoint?.close();
  }
}

/** What the `--action` process prints: the sentence (stdout on success, else stderr), or one JSON line. */
export function formatForwardResult(result: ForwardResult, json: boolean, action: ActionRequest['action']): { stream: 'stdout' | 'stderr'; text: string } {
  if (json) {
    return {
      stream: 'stdout',
      text: JSON.stringify({ ok: result.exitCode === ACTION_EXIT.ok, action, status: result.status, exitCode: result.exitCode, message: result.message }),
    };
  }
  return { stream: result.exitCode === ACTION_EXIT.ok ? 'stdout' : 'stderr', text: result.message };
}
