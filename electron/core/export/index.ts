// Clean export (issue 6): a downloaded recording without its paused spans, and its transcript
// re-timed to match. Public surface for the IPC handlers and the CLI.
export { exportClean, type ExportCleanOptions, type ExportCleanResult, type ExportMethod } from './export-clean';
export { detectPausedRanges, DEFAULT_MIN_PAUSE_SEC, type DetectOptions } from './detect';
export { reconcileSpans, DEFAULT_TOLERANCE_SEC, type ReconcileOptions } from './reconcile';
export { retimeTranscript } from './retime';
export { toSrt, toVtt, buildCues, type Cue, type SubtitleOptions } from './subtitles';
export { parseTranscript, TranscriptJsonSchema, type TranscriptJson, type TranscriptEntry, type TranscriptWord, type TranscriptParticipant, type TranscriptTimestamp } from './transcript';
export { mapTime, type TimeSpan } from './spans';
export { ExportError, type ExportErrorKind } from './errors';
export { CLEAN_SUFFIX, cleanStem } from './output-files';
export { bundledFfmpegPath } from './ffmpeg-process';
