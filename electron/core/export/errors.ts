// The typed error of a clean export: one kind per failure class (input, transcript, disk,
// ffmpeg, verification, cancel), each with a specific one-line message for the user.

export type ExportErrorKind =
  | 'input_missing'
  | 'input_unreadable'
  | 'input_invalid'
  | 'invalid_request'
  | 'transcript_invalid'
  | 'output_unwritable'
  | 'disk_full'
  | 'disk'
  | 'ffmpeg_missing'
  | 'ffmpeg_failed'
  | 'verification_failed'
  | 'cancelled';

export interface ExportErrorInit {
  kind: ExportErrorKind;
  message: string;
  /** The last lines ffmpeg wrote to stderr, for ffmpeg failures. */
  stderrTail?: string;
  code?: string;
  cause?: unknown;
}

export class ExportError extends Error {
  readonly kind: ExportErrorKind;
  readonly stderrTail: string;
  readonly code?: string;

  constructor(init: ExportErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ExportError';
    this.kind = init.kind;
    this.stderrTail = init.stderrTail ?? '';
    if (init.code !== undefined) this.code = init.code;
  }
}

export function cancelledError(): ExportError {
  return new ExportError({ kind: 'cancelled', message: 'Clean export cancelled' });
}

/** The errno-style code of a Node error, following `cause` a few levels. */
export function errnoCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string') return code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** A failure writing in the output folder, as the specific error the user can act on. */
export function outputError(err: unknown, dir: string): ExportError {
  if (err instanceof ExportError) return err;
  const code = errnoCode(err);
  const base = { cause: err, ...(code !== undefined && { code }) };
  switch (code) {
    case 'ENOSPC':
      return new ExportError({ ...base, kind: 'disk_full', message: `Disk full: not enough space in ${dir} for the clean export` });
    case 'EDQUOT':
      return new ExportError({ ...base, kind: 'disk_full', message: `Disk quota exceeded in ${dir}: not enough space for the clean export` });
    case 'EACCES':
    case 'EPERM':
      return new ExportError({ ...base, kind: 'output_unwritable', message: `No permission to write in ${dir} (${code}) — choose another folder` });
    case 'EROFS':
      return new ExportError({ ...base, kind: 'output_unwritable', message: `${dir} is on a read-only disk — choose another folder` });
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExportError({ ...base, kind: 'output_unwritable', message: `The output folder ${dir} does not exist` });
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new ExportError({ ...base, kind: 'disk', message: `Could not write the clean export in ${dir}: ${detail}` });
    }
  }
}
