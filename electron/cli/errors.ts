// Exit codes of recall-remote and the mapping from failures to them (DESIGN.md: 0 ok,
// 1 API/state error, 2 usage error, 3 network/timeout).
import { RecallError } from '../core/recall';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  network: 3,
  interrupted: 130,
} as const;

/** Bad command line: wrong/missing arguments, unknown command, no API key. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RecallError) {
    if (error.kind === 'network' || error.kind === 'timeout') return EXIT.network;
    if (error.kind === 'aborted') return EXIT.interrupted;
    return EXIT.failure;
  }
  return EXIT.failure;
}

/** The one-line reason printed on stderr. */
export function reasonFor(error: unknown): string {
  if (error instanceof UsageError || error instanceof RecallError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `Unexpected error: ${text.split('\n')[0] ?? text}`;
}
