// The sandbox media renderer's failure classes: bad timeline, bad configuration, ffmpeg
// missing or failing, file-system trouble, and an aborted or closed render.

export type MediaTimelineErrorCode =
  | 'invalid_duration'
  | 'invalid_pause'
  | 'unsorted_pauses'
  | 'overlapping_pauses'
  | 'pause_outside_duration';

export class MediaTimelineError extends Error {
  override readonly name = 'MediaTimelineError';
  constructor(
    readonly code: MediaTimelineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class MediaConfigError extends Error {
  override readonly name = 'MediaConfigError';
}

export type FfmpegErrorKind = 'missing' | 'failed';

export class FfmpegError extends Error {
  override readonly name = 'FfmpegError';
  constructor(
    readonly kind: FfmpegErrorKind,
    message: string,
    /** The last lines ffmpeg wrote to stderr (empty when it never ran). */
    readonly stderrTail: string,
    readonly exitCode: number | null = null,
  ) {
    super(stderrTail === '' ? message : `${message}: ${stderrTail.split('\n').at(-1) ?? ''}`);
  }
}

export class MediaIoError extends Error {
  override readonly name = 'MediaIoError';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type MediaAbortReason = 'aborted' | 'closed';

/** Named AbortError so callers that check `error.name === 'AbortError'` treat it as a cancel. */
export class MediaAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly reason: MediaAbortReason) {
    super(reason === 'closed' ? 'The media renderer was closed before the render finished.' : 'The render was aborted.');
  }
}
