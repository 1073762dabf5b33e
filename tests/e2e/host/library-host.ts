// The test host's side of the segments library: a temporary download folder (unless settings
// name one), a shell that records Open / Show in folder instead of launching apps, the preview
// route `/__media/file/<name>` served by the core's own recall-media handler, and a test hook
// seeding a synthetic bot with thousands of finished recordings — read through the same client,
// core and IPC path as any real bot.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CoreClient } from '../../../electron/core/app';
import type { LibraryOptions } from '../../../electron/core/app/deps';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { nodeLocalFs } from '../../../electron/core/downloads';
import { MEDIA_SCHEME, handlePreviewRequest } from '../../../electron/core/preview';
import { BotSchema, RecordingSchema, VideoMixedSchema } from '../../../electron/core/recall';
import type { Bot } from '../../../electron/core/recall';

export const MEDIA_ROUTE = '/__media/file/';

const SeedBody = z.strictObject({
  count: z.number().int().min(1).max(20_000),
  name: z.string().min(1).max(100).optional(),
});

/** An admin answer; anything else the route does not handle. */
type Handled = { status: number; body: unknown } | null;

export interface LibraryHost {
  /** CoreDeps.library for createCore. */
  readonly ports: LibraryOptions;
  /** Wraps the host's Recall client so seeded bots read like real ones. */
  wrapClient(client: CoreClient): CoreClient;
  /** Serves the media route and `/__host/library/…`; false when the path is not ours. */
  route(method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A bot that left its call after `count` recordings of 10 minutes, 2 minutes apart. */
function seededBot(id: string, name: string, count: number): Bot {
  const start = Date.UTC(2025, 0, 6, 8, 0, 0);
  const end = start + count * 12 * 60_000;
  const recordings = Array.from({ length: count }, (_, i) => {
    const begin = start + i * 12 * 60_000;
    const recordingId = randomUUID();
    return {
      id: recordingId,
      created_at: iso(begin),
      started_at: iso(begin),
      completed_at: iso(begin + 10 * 60_000),
      expires_at: null,
      status: { code: 'done', sub_code: null, updated_at: iso(begin + 10 * 60_000 + 5_000) },
      media_shortcuts: {
        video_mixed: { id: randomUUID(), status: { code: 'done', sub_code: null }, data: { download_url: null }, format: 'mp4' },
        transcript: null,
      },
    };
  });
  return BotSchema.parse({
    id,
    bot_name: name,
    meeting_url: { platform: 'zoom', meeting_id: '84512345678' },
    status_changes: [
      { code: 'joining_call', message: null, sub_code: null, created_at: iso(start - 60_000) },
      { code: 'in_call_not_recording', message: null, sub_code: null, created_at: iso(start - 30_000) },
      { code: 'call_ended', message: null, sub_code: 'call_ended_by_host', created_at: iso(end) },
      { code: 'done', message: null, sub_code: null, created_at: iso(end + 1_000) },
    ],
    recordings,
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.join(', ');
  }
  return out;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

export async function createLibraryHost(opts: { settings: { get(): { downloadDir: string | null } }; log?(line: string): void }): Promise<LibraryHost> {
  const tempDir = await mkdtemp(join(tmpdir(), 'recall-remote-host-downloads-'));
  const downloadDir = () => opts.settings.get().downloadDir ?? tempDir;
  const opened: string[] = [];
  const shown: string[] = [];
  const seeded = new Map<string, Bot>();

  const admin = async (method: string, pathname: string, req: IncomingMessage): Promise<Handled> => {
    if (method === 'GET' && pathname === '/__host/library/shell') return { status: 200, body: { opened, shown } };
    if (method === 'GET' && pathname === '/__host/library/dir') return { status: 200, body: { dir: downloadDir() } };
    if (method === 'POST' && pathname === '/__host/library/seed') {
      const parsed = SeedBody.safeParse(await readJsonBody(req));
      if (!parsed.success) return { status: 400, body: { error: `Bad seed request: ${parsed.error.issues[0]?.message ?? 'invalid body'}` } };
      const id = randomUUID();
      seeded.set(id, seededBot(id, parsed.data.name ?? `Seeded ${parsed.data.count}`, parsed.data.count));
      return { status: 201, body: { id } };
    }
    return null;
  };

  return {
    ports: {
      shell: {
        openPath: async (path) => {
          opened.push(path);
          return '';
        },
        showItemInFolder: (path) => {
          shown.push(path);
        },
      },
      // Same origin as the page: covered by the CSP's media-src 'self'.
      mediaUrlFor: (fileName) => MEDIA_ROUTE + encodeURIComponent(fileName),
      persistence: memorySnapshotStore(),
      defaultDownloadDir: () => tempDir,
    },

    wrapClient(client) {
      const seededRecording = (id: string) => [...seeded.values()].flatMap((b) => b.recordings.map((r) => ({ bot: b, r }))).find((x) => x.r.id === id);
      return {
        getBot: async (botId, o) => {
          const bot = seeded.get(botId);
          return bot ? structuredClone(bot) : client.getBot(botId, o);
        },
        listBots: (query, o) => client.listBots(query, o),
        createBot: (input, o) => client.createBot(input, o),
        pauseRecording: (botId, o) => client.pauseRecording(botId, o),
        resumeRecording: (botId, o) => client.resumeRecording(botId, o),
        startRecording: (botId, config, o) => client.startRecording(botId, config, o),
        stopRecording: (botId, o) => client.stopRecording(botId, o),
        leaveCall: (botId, o) => client.leaveCall(botId, o),
        getRecording: async (recordingId, o) => {
          const found = seededRecording(recordingId);
          return found ? RecordingSchema.parse({ ...found.r, bot: { id: found.bot.id } }) : client.getRecording(recordingId, o);
        },
        getVideoMixed: async (videoId, o) => {
          for (const bot of seeded.values()) {
            const rec = bot.recordings.find((r) => r.media_shortcuts?.video_mixed?.id === videoId);
            if (rec) return VideoMixedSchema.parse({ id: videoId, status: { code: 'done', sub_code: null }, data: { download_url: null } });
          }
          return client.getVideoMixed(videoId, o);
        },
      };
    },

    async route(method, pathname, req, res) {
      if (pathname.startsWith(MEDIA_ROUTE)) {
        const answer = await handlePreviewRequest(
          { url: `${MEDIA_SCHEME}://file/${pathname.slice(MEDIA_ROUTE.length)}`, method, headers: headersOf(req) },
          { downloadDir: downloadDir(), fs: nodeLocalFs },
        );
        res.writeHead(answer.status, answer.headers);
        if (answer.body === null) res.end();
        else Readable.fromWeb(answer.body).on('error', () => res.destroy()).pipe(res);
        return true;
      }
      if (!pathname.startsWith('/__host/library/')) return false;
      const handled = await admin(method, pathname, req);
      if (!handled) return false;
      res.writeHead(handled.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`${JSON.stringify(handled.body)}\n`);
      return true;
    },

    async close() {
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
