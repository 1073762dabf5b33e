// Sandbox media: real H.264/AAC MP4s for sandbox recordings, and their transcripts.
//
// Design. A sandbox recording's video is a pure function of media time: at time t the frame
// shows a clock reading t (pauses included, as in Recall's MP4) and a sweeping marker; paused
// spans are black and silent. Encoding 18,000 frames of 1280x720 for a 10-minute recording costs
// ~15-20 s of two cores even with x264 ultrafast, so the picture is cut into fixed chunks (2 s,
// each starting with an IDR, identical encoder settings, raw Annex B) that concatenate byte-wise:
//   - recorded chunks are the same for every recording of a given size/fps, so they live in a
//     content-addressed cache (`<cacheDir>/v1-WxH@FPS-c<frames>-<settings hash>/rec-NNNNNN.h264`)
//     and are pre-rendered in the background by warm() while a recording runs;
//   - an all-black chunk is cached by length (`black-N.h264`);
//   - the few chunks that straddle a pause boundary, and the shorter last chunk, are encoded for
//     the timeline (`cut-…h264`, cached too, keyed by their exact content);
// then a render only encodes the audio (one pass: a tone gated to silence in pauses) and muxes
// the concatenated chunks with it by stream copy (`-movflags +faststart`, written to
// `<out>.tmp` and renamed). Chunk files are written to a temp name and renamed, work on the same
// chunk is shared between concurrent renders, and ffmpeg processes are capped at the core count.
export { MediaRenderer, type MediaRendererOptions, type MediaRenderStats } from './renderer';
export { makeTranscript, type TranscriptJson, type TranscriptEntry, type TranscriptWord, type TranscriptParticipant, type TranscriptOptions } from './transcript';
export { validateTimeline, type MediaTimeline, type MediaPause } from './timeline';
export { FfmpegError, MediaAbortedError, MediaConfigError, MediaIoError, MediaTimelineError, type MediaTimelineErrorCode } from './errors';
