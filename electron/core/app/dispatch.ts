// The single entry point for every request from a renderer: validates the channel and the
// `unknown` payload against the contract, runs the handler, and folds any failure into the
// contract's Result. Electron's ipcMain router and the test host both call it, so they cannot
// disagree about what a request means.
import { fail, isChannel, ok, requestSchemas } from '../../contract';
import type { Channel, ParsedRequestOf, ResponseOf, Result } from '../../contract';
import type { z } from 'zod';
import { toContractError } from './errors';

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface Dispatch {
  <C extends Channel>(channel: C, payload: unknown): Promise<Result<ResponseOf<C>>>;
  (channel: string, payload: unknown): Promise<Result<unknown>>;
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}

export function createDispatch(handlers: Handlers, onInternalError?: (channel: Channel, error: unknown) => void): Dispatch {
  async function route<C extends Channel>(channel: C, payload: unknown): Promise<Result<ResponseOf<C>>> {
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) return fail('invalid_request', describeIssues(parsed.error));
    const handler: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> = handlers[channel];
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      const contractError = toContractError(error);
      if (contractError.kind === 'internal') onInternalError?.(channel, error);
      return { ok: false, error: contractError };
    }
  }

  function dispatch<C extends Channel>(channel: C, payload: unknown): Promise<Result<ResponseOf<C>>>;
  function dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
  function dispatch(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      const text = String(channel);
      const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
      return Promise.resolve(fail('unknown_channel', `"${shown}" is not a Recall Remote request.`));
    }
    return route(channel, payload);
  }
  return dispatch;
}
