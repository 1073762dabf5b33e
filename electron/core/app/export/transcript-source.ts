// Recall's transcript of a recording, read with the pre-signed link of a recording that was just
// fetched (links expire: never a cached one). No transcript is not an error; an unreadable one is
// a warning — the video is exported without it.
import { parseTranscript, type TranscriptJson } from '../../export';
import type { Recording } from '../../recall';

export type TranscriptRead = { transcript: TranscriptJson | null; warning: string | null };

const NONE: TranscriptRead = { transcript: null, warning: null };

export async function readTranscript(recording: Recording, fetchImpl: typeof fetch, signal: AbortSignal): Promise<TranscriptRead> {
  const shortcut = recording.media_shortcuts?.transcript ?? null;
  if (shortcut === null) return NONE;
  if (shortcut.status.code !== 'done') {
    return { transcript: null, warning: `Recall's transcript is not ready (${shortcut.status.code.replace(/_/g, ' ')}); exported the video only` };
  }
  const url = shortcut.data.download_url;
  if (url === null) return { transcript: null, warning: "Recall gave no link to the transcript; exported the video only" };
  try {
    const response = await fetchImpl(url, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { transcript: parseTranscript(await response.json()), warning: null };
  } catch (error) {
    if (signal.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return { transcript: null, warning: `The transcript could not be read (${detail}); exported the video only` };
  }
}
