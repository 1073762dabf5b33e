// The segments library of the app core: the `library:*` handlers (list, download, cancel, open,
// show in folder, preview source, copy link) over the segments store and the download manager,
// and the `library:changed` / `library:progress` events that keep the window's list current.
import { DownloadManager, freshMediaSource, type DownloadEvent, type DownloadManagerOptions, type MediaClient } from '../../downloads';
import { previewSourceFor, presignedExpiry } from '../../preview';
import type { TimerHandle } from '../../control';
import type { Bot } from '../../recall';
import { SegmentsStore, detectBlackSilentRanges, type MediaRange, type PauseSpanInput } from '../../segments';
import { EVENTS } from '../../../contract';
import type { LibraryChannel, LibraryView, LocalFileView, SegmentRowView } from '../../../contract';
import type { Clock, EventSink, LogLevel, Timers } from '../deps';
import type { Handlers } from '../dispatch';
import { CoreError } from '../errors';
import { reported } from './library-errors';
import { awaitingRecall, emptyView, libraryView, localView, pauseOffsets, type ErrorSummary } from './row-view';
import { createSnapshotSaver, memorySnapshotStore, type SnapshotStore } from './snapshot-saver';

/** The OS file actions (Electron's `shell`; the test host records them). */
export interface LibraryShell {
  /** Opens the file with its default app; resolves with an error message, '' on success. */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** What the library reads of a bot's recording controller (issue 4's controller registry). */
export interface ControllerPort {
  getSnapshot(): { readonly bot: Bot | null; readonly lastRefreshAt: number | null };
  pauseSpans(recordingId?: string): readonly PauseSpanInput[];
  /** Which recordings the controller has witnessed (its presses and observed transitions). */
  actionLog(): ReadonlyArray<{ readonly recordingId: string | null }>;
  observedTransitions(): ReadonlyArray<{ readonly recordingId: string | null }>;
}

export interface LibraryDeps {
  /** The current Recall client (it changes when the connection does). */
  client(): MediaClient;
  /** The bot the window follows; null when none is selected. */
  selectedBotId(): string | null;
  /** Per-bot controllers: their action logs give the most direct pause spans. */
  controllers?: { peek(botId: string): ControllerPort | null };
  /** The download folder from settings, asked for each new download. */
  downloadDir(): string | Promise<string>;
  shell: LibraryShell;
  /** The URL the window's <video> loads a downloaded file from (recall-media://file/… in Electron). */
  mediaUrlFor(fileName: string): string;
  /** Recall's clock (durations of running recordings). */
  clock: Clock;
  timers: Timers;
  events: EventSink;
  /** Where the segments memory survives restarts; default: memory only. */
  persistence?: SnapshotStore;
  /** Black+silent ranges of a downloaded file; default ffmpeg's blackdetect + silencedetect. */
  detectPauses?(path: string): Promise<MediaRange[]>;
  /** Download manager tuning (fetch, fs, retries, concurrency…); its clock stays the wall clock. */
  downloads?: Omit<DownloadManagerOptions, 'client' | 'downloadDir'>;
  /** While Recall is still processing a recording, re-read the bot this often (ms). */
  pendingPollMs?: number;
  /** Coalescing delay of snapshot saves (ms). */
  saveDelayMs?: number;
  log?(level: LogLevel, message: string): void;
}

export type LibraryHandlers = Pick<Handlers, LibraryChannel>;

/** What the library reads of the core's BotState. */
export type FollowedBot = { selected: false } | { selected: true; botId: string };

export interface Library {
  readonly handlers: LibraryHandlers;
  readonly downloads: DownloadManager;
  /** The core's bot state changed: follow the selected bot and refresh its rows. */
  stateChanged(state: FollowedBot): void;
  /** Resumes downloads left unfinished by the last run. */
  start(): Promise<void>;
  /** Stops downloads (kept resumable), timers and events; saves the segments memory. */
  close(): Promise<void>;
}

export const DEFAULT_PENDING_POLL_MS = 3_000;
export const DEFAULT_SAVE_DELAY_MS = 1_000;

interface CachedBot {
  bot: Bot;
  at: number;
}

const NOT_ON_DISK: Partial<Record<LocalFileView['kind'], string>> = {
  not_downloaded: 'is not downloaded yet — download it first',
  queued: 'is still waiting to download',
  downloading: 'is still downloading',
  partial: 'is only partly downloaded — resume the download first',
};

export function createLibrary(deps: LibraryDeps): Library {
  const log = (level: LogLevel, message: string) => deps.log?.(level, message);
  const mediaClient: MediaClient = {
    getBot: (id, o) => deps.client().getBot(id, o),
    getRecording: (id, o) => deps.client().getRecording(id, o),
    getVideoMixed: (id, o) => deps.client().getVideoMixed(id, o),
  };
  const downloads = new DownloadManager({ ...deps.downloads, client: mediaClient, downloadDir: deps.downloadDir });
  const persistence = deps.persistence ?? memorySnapshotStore();
  const detect = deps.detectPauses ?? ((path: string) => detectBlackSilentRanges(path));
  const pendingPollMs = deps.pendingPollMs ?? DEFAULT_PENDING_POLL_MS;

  const ready: Promise<SegmentsStore> = persistence
    .load()
    .catch((error: unknown) => {
      log('warn', `the saved segments could not be read, starting empty: ${String(error)}`);
      return undefined;
    })
    .then((initial) => new SegmentsStore({ now: () => deps.clock.now(), local: downloads, initial }));
  let store: SegmentsStore | null = null;
  void ready.then((s) => (store = s));
  const saver = createSnapshotSaver({
    store: persistence,
    snapshot: () => store?.snapshot() ?? { version: 1, recordings: [] },
    timers: deps.timers,
    delayMs: deps.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS,
    onError: (error) => log('warn', `could not save the segments: ${String(error)}`),
  });

  const cache = new Map<string, CachedBot>();
  const errors = new Map<string, ErrorSummary>();
  const analyzing = new Set<string>();
  /** The bot whose rows the window shows (the last listed or selected one). */
  let watched: string | null = null;
  let lastKey: string | null = null;
  let lastView: LibraryView | null = null;
  let pollTimer: TimerHandle | null = null;
  const stopPoll = () => {
    if (pollTimer !== null) deps.timers.clearTimeout(pollTimer);
    pollTimer = null;
  };
  let closed = false;

  const downloadDir = async (): Promise<string | null> => {
    try {
      return await deps.downloadDir();
    } catch {
      return null;
    }
  };

  /** The freshest bot known: our last read or the controller's, whichever is newer. */
  const knownBot = (botId: string): CachedBot | null => {
    const ours = cache.get(botId) ?? null;
    const snapshot = deps.controllers?.peek(botId)?.getSnapshot();
    if (snapshot?.bot && snapshot.lastRefreshAt !== null && (!ours || snapshot.lastRefreshAt > ours.at)) {
      return { bot: snapshot.bot, at: snapshot.lastRefreshAt };
    }
    return ours;
  };

  const fetchBot = async (botId: string): Promise<Bot> => {
    const bot = await mediaClient.getBot(botId);
    // Only the followed bot is worth remembering; others are read on demand.
    for (const id of cache.keys()) if (id !== watched && id !== botId) cache.delete(id);
    cache.set(botId, { bot, at: deps.clock.now() });
    return bot;
  };

  const actionLogSpans = (bot: Bot): Map<string, readonly PauseSpanInput[]> => {
    const spans = new Map<string, readonly PauseSpanInput[]>();
    const controller = deps.controllers?.peek(bot.id);
    if (!controller) return spans;
    // Only recordings the controller witnessed can gain from it; asking about every recording
    // of a long-lived bot would cost a scan of its history each.
    const witnessed = new Set<string>();
    for (const item of [...controller.actionLog(), ...controller.observedTransitions()]) if (item.recordingId !== null) witnessed.add(item.recordingId);
    for (const recording of bot.recordings) {
      if (!witnessed.has(recording.id)) continue;
      const list = controller.pauseSpans(recording.id);
      if (list.length > 0) spans.set(recording.id, list);
    }
    return spans;
  };

  const viewOf = async (bot: Bot): Promise<LibraryView> => {
    const segments = await ready;
    const rows = await segments.rows(bot, actionLogSpans(bot));
    saver.touch();
    return libraryView(bot, rows, errors, await downloadDir());
  };

  const controlled = (botId: string): boolean => (deps.controllers?.peek(botId)?.getSnapshot().bot ?? null) !== null;

  // Running recordings grow and processing ones finish without the bot's visible state changing:
  // re-read those rows on a timer (a running one from the controller's own polled read).
  const schedulePoll = (view: LibraryView) => {
    stopPoll();
    const botId = view.botId;
    if (closed || botId === null) return;
    const processing = awaitingRecall(view.rows);
    if (!processing && !view.rows.some((r) => r.state === 'recording' || r.state === 'paused')) return;
    pollTimer = deps.timers.setTimeout(() => {
      pollTimer = null;
      requestRefresh(processing || !controlled(botId));
    }, pendingPollMs);
  };

  const publish = (view: LibraryView, emit: boolean) => {
    lastView = view;
    schedulePoll(view);
    const key = JSON.stringify(view);
    if (key === lastKey) return;
    lastKey = key;
    if (emit && !closed) deps.events.emit(EVENTS.libraryChanged, view);
  };

  // Refreshes are serialized and coalesced: a burst of changes costs one computation (and at
  // most one read of the bot) after the one running.
  let running: Promise<void> | null = null;
  let again = false;
  let wantFetch = false;

  async function refreshOnce(fetch: boolean): Promise<void> {
    const botId = watched;
    if (botId === null) {
      publish(emptyView(await downloadDir()), true);
      return;
    }
    const known = fetch ? null : knownBot(botId);
    const bot = known?.bot ?? (await fetchBot(botId));
    if (watched !== botId) return;
    const view = await viewOf(bot);
    if (watched === botId) publish(view, true);
  }

  function requestRefresh(fetch: boolean): void {
    if (closed) return;
    wantFetch ||= fetch;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const fetchNow = wantFetch;
        wantFetch = false;
        try {
          await refreshOnce(fetchNow);
        } catch (error) {
          // The window keeps the rows it has; the next change or poll tries again.
          log('warn', `refreshing the segments failed: ${error instanceof Error ? error.message : String(error)}`);
          if (lastView) schedulePoll(lastView);
        }
      } while (again && !closed);
    })().finally(() => {
      running = null;
      // A request that came in after the loop's last check still gets its refresh.
      if (again && !closed) requestRefresh(false);
    });
  }

  const analyze = (recordingId: string, path: string) => {
    if (analyzing.has(recordingId)) return;
    analyzing.add(recordingId);
    void detect(path)
      .then(async (ranges) => {
        (await ready).setMediaPauses(recordingId, ranges);
        saver.touch();
        requestRefresh(false);
      })
      .catch((error: unknown) => log('warn', `could not find the paused parts of ${path}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => analyzing.delete(recordingId));
  };

  const onDownload = (event: DownloadEvent) => {
    if (closed) return;
    switch (event.type) {
      case 'progress':
        deps.events.emit(EVENTS.libraryProgress, { recordingId: event.recordingId, progress: { ...event.progress } });
        return;
      case 'retrying':
        return;
      case 'queued':
        errors.delete(event.recordingId);
        break;
      case 'failed':
        errors.set(event.recordingId, { kind: event.error.kind, message: event.error.message });
        break;
      case 'completed':
        errors.delete(event.recordingId);
        if (!event.alreadyDownloaded) analyze(event.recordingId, event.result.path);
        break;
      default:
        break;
    }
    requestRefresh(false);
  };
  const unsubscribe = downloads.subscribe(onDownload);

  const follow = (botId: string | null) => {
    if (botId === watched) return;
    watched = botId;
    lastKey = null;
    lastView = null;
  };

  const botFor = async (requested: string | undefined): Promise<string> => {
    const botId = requested ?? deps.selectedBotId();
    if (botId === null) throw new CoreError('invalid_request', 'Select a bot first: its recordings are listed here.');
    return botId;
  };

  const localFile = async (recordingId: string, action: string): Promise<{ path: string; fileName: string }> => {
    const local = localView(await downloads.localState(recordingId));
    if (local.kind === 'downloaded' || local.kind === 'changed') return { path: local.path, fileName: local.fileName };
    if (local.kind === 'missing') {
      throw new CoreError('not_found', `Cannot ${action}: ${local.fileName} is no longer in the download folder — download it again.`);
    }
    throw new CoreError('wrong_state', `Cannot ${action}: this recording ${NOT_ON_DISK[local.kind] ?? 'is not on this computer'}.`);
  };

  const rowOf = (recordingId: string): SegmentRowView | undefined => lastView?.rows.find((r) => r.recordingId === recordingId);

  const handlers: LibraryHandlers = {
    'library:list': async ({ botId: requested }) => {
      const botId = requested ?? deps.selectedBotId();
      follow(botId);
      if (botId === null) {
        const view = emptyView(await downloadDir());
        publish(view, false);
        return view;
      }
      const view = await viewOf(await fetchBot(botId));
      if (watched === botId) publish(view, false);
      return view;
    },
    'library:download': ({ recordingId }) =>
      reported(async () => {
        errors.delete(recordingId);
        const botName = watched ? (knownBot(watched)?.bot.bot_name ?? null) : null;
        const owned = rowOf(recordingId) !== undefined;
        downloads.enqueue({ recordingId, ...(owned && botName !== null && { botName }) });
        return { recordingId, local: localView(await downloads.localState(recordingId)) };
      }),
    'library:downloadAll': ({ botId }) =>
      reported(async () => {
        const tickets = await downloads.downloadAll(await botFor(botId));
        return { recordingIds: tickets.map((t) => t.recordingId) };
      }),
    'library:cancel': ({ recordingId, discard }) =>
      reported(async () => ({ cancelled: await downloads.cancel(recordingId, discard === undefined ? {} : { discard }) })),
    'library:open': ({ recordingId }) =>
      reported(async () => {
        const file = await localFile(recordingId, 'open the video');
        const failure = await deps.shell.openPath(file.path);
        if (failure) throw new CoreError('storage', `Could not open ${file.fileName}: ${failure}`);
        return { path: file.path };
      }),
    'library:showInFolder': ({ recordingId }) =>
      reported(async () => {
        const file = await localFile(recordingId, 'show the video in its folder');
        deps.shell.showItemInFolder(file.path);
        return { path: file.path };
      }),
    'library:previewSource': ({ recordingId }) =>
      reported(async () => {
        const local = await downloads.localState(recordingId);
        const source = await previewSourceFor({ id: recordingId }, local, { client: mediaClient });
        const row = rowOf(recordingId);
        const pauses = pauseOffsets(row);
        const durationMs = row?.durationMs ?? null;
        if (source.kind === 'local') return { kind: 'local', url: deps.mediaUrlFor(source.fileName), pauses, durationMs, expiresAt: null };
        return { kind: 'remote', url: source.url, pauses, durationMs, expiresAt: source.expiresAt };
      }),
    'library:copyLink': ({ recordingId }) =>
      reported(async () => {
        const source = await freshMediaSource(mediaClient, recordingId);
        return { url: source.url, expiresAt: presignedExpiry(source.url) };
      }),
  };

  return {
    handlers,
    downloads,
    stateChanged(state) {
      if (closed) return;
      const botId = state.selected ? state.botId : null;
      const switched = botId !== watched;
      follow(botId);
      // The core just read the bot: its controller's read is reused instead of a second GET.
      requestRefresh(switched || botId === null || !controlled(botId));
    },
    async start() {
      await ready;
      try {
        const resumed = await downloads.resumePending();
        if (resumed.length > 0) log('info', `resuming ${resumed.length} unfinished download(s)`);
      } catch (error) {
        log('warn', `could not resume unfinished downloads: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      stopPoll();
      saver.cancel();
      unsubscribe();
      await downloads.close();
      await running?.catch(() => undefined);
      await ready;
      await saver.flush();
    },
  };
}
