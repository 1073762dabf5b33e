// A fresh pre-signed download URL for a recording's mixed video, fetched right before each use
// (recall-api.md §7.1: URLs expire after 6 h and must never be cached or persisted).
import { RecallError, type RecallClient, type Recording } from '../recall';
import { DownloadError, type DownloadErrorKind } from './errors';

export type MediaClient = Pick<RecallClient, 'getRecording' | 'getVideoMixed' | 'getBot'>;

export interface MediaSource {
  url: string;
  recording: Recording;
  videoMixedId: string;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Why a recording's mixed video cannot be downloaded right now, or null when it can. */
export function notDownloadableReason(recording: Recording): DownloadError | null {
  const rec = shortId(recording.id);
  if (recording.status?.code === 'deleted') {
    return new DownloadError({ kind: 'not_found', message: `Recording ${rec} was deleted from Recall; its video can no longer be downloaded` });
  }
  const video = recording.media_shortcuts?.video_mixed ?? null;
  if (video === null) {
    return new DownloadError({ kind: 'not_ready', message: `Recording ${rec} has no mixed video (the MP4 was not requested for it)` });
  }
  const code = video.status.code;
  if (code === 'done') return null;
  if (code === 'processing') {
    return new DownloadError({ kind: 'not_ready', message: `The video of recording ${rec} is still processing; try again when it is done` });
  }
  if (code === 'deleted') {
    return new DownloadError({ kind: 'not_found', message: `The video of recording ${rec} was deleted from Recall` });
  }
  const sub = video.status.sub_code ? ` (${video.status.sub_code})` : '';
  return new DownloadError({ kind: 'not_ready', message: `The video of recording ${rec} is not available: ${code}${sub}` });
}

export async function freshMediaSource(client: MediaClient, recordingId: string, signal?: AbortSignal): Promise<MediaSource> {
  const opts = signal ? { signal } : {};
  const recording = await client.getRecording(recordingId, opts);
  const refusal = notDownloadableReason(recording);
  if (refusal !== null) throw refusal;
  const video = recording.media_shortcuts?.video_mixed;
  if (!video) throw new DownloadError({ kind: 'not_ready', message: `Recording ${shortId(recordingId)} has no mixed video` });
  let url = video.data.download_url;
  if (url === null) url = (await client.getVideoMixed(video.id, opts)).data.download_url;
  if (url === null) {
    throw new DownloadError({ kind: 'not_ready', message: `Recall has no download link for recording ${shortId(recordingId)} yet; try again shortly` });
  }
  return { url, recording, videoMixedId: video.id };
}

/** Recall failures that may well succeed on the next try. */
export const TRANSIENT_RECALL_KINDS: ReadonlySet<string> = new Set(['network', 'timeout', 'server', 'rate_limited', 'conflict', 'pool_exhausted']);

const KIND_FROM_RECALL: Partial<Record<string, DownloadErrorKind>> = {
  not_found: 'not_found',
  network: 'network',
  timeout: 'network',
  server: 'server',
  rate_limited: 'rate_limited',
  aborted: 'cancelled',
};

/** A Recall API failure met while downloading, as a DownloadError keeping Recall's message. */
export function downloadErrorFromRecall(err: RecallError): DownloadError {
  return new DownloadError({ kind: KIND_FROM_RECALL[err.kind] ?? 'api', message: err.message, resumable: true, cause: err });
}

export function isTransientRecallError(err: unknown): err is RecallError {
  return err instanceof RecallError && TRANSIENT_RECALL_KINDS.has(err.kind);
}
