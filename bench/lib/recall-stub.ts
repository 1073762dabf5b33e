// A minimal loopback server answering like Recall for recording control: GET bot → its state
// JSON, POST pause_recording / resume_recording → applied at once, 200 with the bot. It stamps
// every request's arrival (performance.now(), the same clock as the client in this process), so
// latency is measured up to the moment a request reaches the server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export type StubState = 'recording' | 'paused';

export interface Arrival {
  method: string;
  botId: string;
  action: string | null;
  at: number;
}

export interface RecallStub {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** A bot in a call, recording (or paused); returns its id. */
  addBot(state: StubState): string;
  /** Called synchronously when a request arrives (headers parsed), before it is answered. */
  onArrival(listener: (arrival: Arrival) => void): void;
  close(): Promise<void>;
}

interface StubBot {
  id: string;
  state: StubState;
  changes: Array<{ code: string; at: number }>;
  recordingId: string;
  startedAt: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** Recall keeps every status change; a long benchmark keeps only the last few so payloads stay the size of a real bot's. */
const KEPT_CHANGES = 6;

function botJson(bot: StubBot): Record<string, unknown> {
  return {
    id: bot.id,
    bot_name: 'Benchmark bot',
    meeting_url: { platform: 'zoom', meeting_id: '84512345678' },
    join_at: null,
    status_changes: bot.changes.map((c) => ({ code: c.code, message: null, sub_code: null, created_at: iso(c.at) })),
    recordings: [
      {
        id: bot.recordingId,
        created_at: iso(bot.startedAt),
        started_at: iso(bot.startedAt),
        completed_at: null,
        expires_at: null,
        status: { code: bot.state === 'paused' ? 'paused' : 'processing', sub_code: null, updated_at: iso(bot.changes.at(-1)?.at ?? bot.startedAt) },
        media_shortcuts: { video_mixed: null, transcript: null, participant_events: null, meeting_metadata: null, audio_mixed: null },
        metadata: {},
      },
    ],
    metadata: {},
  };
}

export async function startRecallStub(): Promise<RecallStub> {
  const apiKey = `stub-${randomBytes(12).toString('hex')}`;
  const bots = new Map<string, StubBot>();
  const listeners: Array<(arrival: Arrival) => void> = [];
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };

  const setState = (bot: StubBot, state: StubState): void => {
    bot.state = state;
    // Strictly increasing timestamps keep the order unambiguous for the client.
    const at = Math.max(Date.now(), (bot.changes.at(-1)?.at ?? 0) + 1);
    bot.changes = [...bot.changes, { code: state === 'recording' ? 'in_call_recording' : 'in_call_not_recording', at }].slice(-KEPT_CHANGES);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    if (req.headers.authorization !== `Token ${apiKey}`) return send(res, 401, { detail: 'Invalid API key.' });
    const match = /^\/api\/v1\/bot\/([^/]+)\/(?:([a-z_]+)\/)?$/.exec(new URL(req.url ?? '/', 'http://stub.invalid').pathname);
    const bot = match?.[1] === undefined ? undefined : bots.get(match[1]);
    if (bot === undefined) return send(res, 404, { detail: 'Not found.' });
    const action = match?.[2] ?? null;
    if (req.method === 'GET' && action === null) return send(res, 200, botJson(bot));
    if (req.method !== 'POST' || body.trim() !== '') return send(res, 405, { detail: 'Method not allowed.' });
    if (action === 'pause_recording' && bot.state === 'recording') setState(bot, 'paused');
    else if (action === 'resume_recording' && bot.state === 'paused') setState(bot, 'recording');
    else return send(res, 400, { code: 'cannot_command_recording_state', detail: `The bot cannot ${action ?? 'do that'} while ${bot.state}.` });
    send(res, 200, botJson(bot));
  };

  const server = createServer((req, res) => {
    const at = performance.now();
    const match = /^\/api\/v1\/bot\/([^/]+)\/(?:([a-z_]+)\/)?/.exec(req.url ?? '');
    const arrival: Arrival = { method: req.method ?? 'GET', botId: match?.[1] ?? '', action: match?.[2] ?? null, at };
    for (const listener of listeners) listener(arrival);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the Recall stub has no TCP address');

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    apiKey,
    addBot(state) {
      const id = `bot-${randomBytes(8).toString('hex')}`;
      const startedAt = Date.now() - 60_000;
      const bot: StubBot = { id, state, changes: [{ code: 'in_call_recording', at: startedAt }], recordingId: `rec-${randomBytes(8).toString('hex')}`, startedAt };
      if (state === 'paused') setState(bot, 'paused');
      bots.set(id, bot);
      return id;
    },
    onArrival(listener) {
      listeners.push(listener);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
