// Sandbox media: real H.264/AAC MP4s for sandbox recordings, and their transcripts.
//
// Design. A sandbox video is a pure function of media time: at time t the frame shows a clock
// reading t (pauses included, as in Recall's MP4, whose timeline keeps paused spans) and a
// sweeping marker, drawn with drawbox (no fonts); paused spans are black and silent. Encoding
// 18,000 frames of 1280x720 for a 10-minute recording costs ~25 CPU-seconds even with x264
// ultrafast, so the picture is cut into 2-second chunks (each starting with an IDR, identical
// encoder settings, raw Annex B) that concatenate byte-wise, and cached on disk:
//   - recorded chunks are the same for every recording of one size/fps, so they live in a
//     content-addressed cache (`<cacheDir>/v1-WxH@FPS-c<frames>-<settings hash>/rec-NNNNNN.h264`)
//     that warm() fills in the background from time 0 while a recording runs;
//   - an all-black chunk is cached by length (`black-N.h264`), and the few chunks that straddle a
//     pause boundary or end the recording are encoded for the timeline, keyed by their exact
//     content (`cut-…h264`);
//   - audio is not encoded per render: a tone whose period divides the AAC frame encodes to one
//     identical AAC frame, silence to another (`aac-*.adts`, encoded once); a track is those
//     frames laid out on the timeline.
// A render then only encodes what is missing and muxes the chunks and the track with stream
// copy (`-movflags +faststart`) into `<out>.tmp`, renamed when complete. Chunk files are
// written to temp names and renamed; work on a chunk is shared by concurrent renders and
// cancelled when none still wants it; ffmpeg processes are capped at the core count.
export { MediaRenderer, type MediaRendererOptions, type MediaRenderStats } from './renderer';
export { makeTranscript, type TranscriptJson, type TranscriptEntry, type TranscriptWord, type TranscriptParticipant, type TranscriptOptions } from './transcript';
export { validateTimeline, type MediaTimeline, type MediaPause } from './timeline';
export { FfmpegError, MediaAbortedError, MediaConfigError, MediaIoError, MediaTimelineError, type MediaTimelineErrorCode } from './errors';
