// Hostile input from the API side, through the real client and app core against a scripted
// Recall: bot names that are huge, reversed by bidi overrides, full of control characters, NUL,
// emoji, path separators or HTML are kept as data (the window shows them escaped — see
// tests/e2e/hostile-names.spec.ts), never break the tray, and never steer a download out of its
// folder; unknown status codes, malformed JSON, HTML error pages, odd status codes, prototype
// keys and redirects to another host all end in a typed error — never a crash, never raw HTML
// in a message, never the API key sent elsewhere.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '../../../electron/contract';
import type { LibraryView } from '../../../electron/contract';
import { createCore, createEventHub, trayModelView } from '../../../electron/core/app';
import type { Core } from '../../../electron/core/app';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { RecallClient } from '../../../electron/core/recall';
import { recallFixture } from '../../fixtures/recall';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';
import { startScriptedServer } from '../client/scripted-server';
import type { Reply, ScriptedServer } from '../client/scripted-server';
import { fastSleep, until } from './fault-lab';

const KEY = 'rk_live_HOSTILE_API_TEST_KEY_7f3a9c';
const BOT_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const RECORDING_ID = 'a4b5c6d7-e8f9-4a0b-9c2d-3e4f5a6b7c84';
const MEDIA = Buffer.concat([Buffer.from('\u0000\u0000\u0000\u0018ftypmp42'), Buffer.alloc(40_000, 7)]);

const HOSTILE_NAMES: Array<[string, string]> = [
  ['100 000 characters', 'Quarterly review '.repeat(6_000).slice(0, 100_000)],
  ['a right-to-left override', 'Invoice \u202Egnp.exe'],
  ['control characters and NUL', 'Stand\u0000up\u0007\u001b[2J\r\nrm -rf /'],
  ['emoji and combining marks', '🎙️👩‍👩‍👧‍👦 Z̷̛̝a̸l̵g̶o̷ sync'],
  ['path separators and traversal', '../../../../etc/passwd\\..\\..\\boot.ini'],
  ['HTML and script', '<img src=x onerror=alert(1)><script>alert(2)</script>'],
  ['a lone surrogate', 'broken \ud800 name'],
];

let server: ScriptedServer;
let core: Core;
let downloadDir: string;
const libraryViews: LibraryView[] = [];
let handler: (path: string, headers: Record<string, string | string[] | undefined>) => Reply | null = () => null;

function bot(name: string): Record<string, unknown> {
  const raw = recallFixture('bot-stopped', server.baseUrl);
  raw.id = BOT_ID;
  raw.bot_name = name;
  const recordings = (raw.recordings as Array<Record<string, unknown>>).slice(0, 1);
  const first = recordings[0] as { id: string; media_shortcuts: { video_mixed: { data: { download_url: string } } } };
  first.id = RECORDING_ID;
  first.media_shortcuts.video_mixed.data.download_url = `${server.baseUrl}/media/${RECORDING_ID}.mp4?sig=1`;
  raw.recordings = recordings;
  return raw;
}

let currentName = 'Weekly sync';

beforeAll(async () => {
  server = await startScriptedServer((req) => {
    const path = req.path.split('?')[0] ?? '';
    const custom = handler(path, req.headers);
    if (custom) return custom;
    if (path === `/media/${RECORDING_ID}.mp4`) return { status: 200, body: MEDIA.toString('latin1'), headers: { 'content-type': 'video/mp4', 'content-length': String(MEDIA.length), etag: '"v1"' } };
    if (path === `/api/v1/bot/${BOT_ID}/`) return { status: 200, json: bot(currentName) };
    if (path === '/api/v1/bot/') return { status: 200, json: { next: null, previous: null, results: [bot(currentName)] } };
    if (path === `/api/v1/recording/${RECORDING_ID}/`) {
      const recording = (bot(currentName).recordings as unknown[])[0] as Record<string, unknown>;
      return { status: 200, json: { ...recording, bot: { id: BOT_ID, metadata: {} } } };
    }
    return { status: 404, json: { detail: 'Not found.' } };
  });
  downloadDir = mkdtempSync(join(tmpdir(), 'rr-hostile-api-'));
  const events = createEventHub();
  events.on('library:changed', (view) => void libraryViews.push(view));
  core = await createCore({
    app: { name: 'Recall Remote', version: 'test', platform: 'linux' },
    clock: { now: () => Date.now() },
    timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    events,
    settings: new MemorySettingsStore({ platform: 'linux', now: () => Date.now() }),
    vault: new MemoryVault(),
    envConnection: { mode: 'live', apiKey: KEY, baseUrl: server.baseUrl },
    createClient: (c, tuning) => new RecallClient({ apiKey: c.apiKey, ...(c.baseUrl !== undefined && { baseUrl: c.baseUrl }), sleep: fastSleep, maxRetries: 1, timeoutMs: 2_000, ...tuning }),
    startSandbox: async () => {
      throw new Error('no sandbox in this test');
    },
    registerHotkeys: (target) => new MemoryHotkeyRegistrar(target, 'linux'),
    notifier: new RecordingNotifier(),
    launchAtLogin: new MemoryLaunchAtLogin(),
    showWindow: () => undefined,
    library: {
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      mediaUrlFor: (name) => `recall-media://file/${encodeURIComponent(name)}`,
      persistence: memorySnapshotStore(),
      defaultDownloadDir: () => downloadDir,
      detectPauses: async () => [],
      pendingPollMs: 60 * 60_000,
      downloads: { sleep: fastSleep },
    },
    poll: { pendingMs: 3_600_000, inCallMs: 3_600_000, joiningMs: 3_600_000, endedMs: 3_600_000, errorBaseMs: 3_600_000, maxBackoffMs: 3_600_000 },
  });
});

afterEach(() => {
  handler = () => null;
});

afterAll(async () => {
  await core?.close();
  await server?.close();
  rmSync(downloadDir, { recursive: true, force: true });
});

/** Control (other than the tooltip's line breaks), bidi and invisible direction marks. */
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

describe('odd bot names from the API', () => {
  it.each(HOSTILE_NAMES)('%s: kept as data, safe in the tray, and the download stays in its folder', async (_what, name) => {
    currentName = name;
    for (const file of readdirSync(downloadDir)) rmSync(join(downloadDir, file), { recursive: true, force: true });

    const selected = await core.dispatch('bot:select', { botId: BOT_ID });
    if (!selected.ok) throw new Error(selected.error.message);
    expect(selected.value.selected && selected.value.name).toBe(name.trim());
    const listed = await core.dispatch('bot:list', undefined);
    expect(listed.ok && listed.value[0]?.name).toBe(name.trim());

    // The tray (a native menu, no HTML) gets no control or bidi characters and a bounded label.
    const tray = trayModelView(core.tray.current());
    const labels = [tray.tooltip, ...tray.menu.flatMap((item) => [item.label, ...(item.submenu ?? []).map((sub) => sub.label)])];
    for (const label of labels) {
      expect(label.replace(/\n/g, ' ')).not.toMatch(INVISIBLE);
      expect(label.length).toBeLessThan(300);
    }

    const listing = await core.dispatch('library:list', { botId: BOT_ID });
    expect(listing.ok).toBe(true);
    const queued = await core.dispatch('library:download', { recordingId: RECORDING_ID });
    expect(queued.ok).toBe(true);
    const row = await until(
      () => libraryViews.at(-1)?.rows.find((r) => r.recordingId === RECORDING_ID) ?? null,
      (r) => r?.local.kind === 'downloaded' || r?.downloadError != null,
      'the download to finish',
    );
    if (row?.local.kind !== 'downloaded') throw new Error(`download failed: ${JSON.stringify(row?.downloadError)}`);
    const { fileName, path } = row.local;
    expect(resolve(path)).toBe(join(downloadDir, fileName));
    // ".." inside one name is harmless: with no separator it never leaves the folder.
    expect(fileName).not.toMatch(/[/\\]|[\p{Cc}]|[\u202a-\u202e]|[<>:"|?*]/u);
    expect(fileName).not.toMatch(/^\.+$/);
    expect(Buffer.byteLength(fileName)).toBeLessThanOrEqual(200);
    expect(readdirSync(downloadDir).filter((f) => f.endsWith('.mp4'))).toEqual([fileName]);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(createHash('sha256').update(MEDIA).digest('hex'));
  });
});

const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>';

describe('odd answers from the API', () => {
  const cases: Array<[string, Reply]> = [
    ['malformed JSON', { status: 200, body: '{"id": "3f2a9c1e-', headers: { 'content-type': 'application/json' } }],
    ['an HTML page with 200', { status: 200, body: HTML_PAGE, headers: { 'content-type': 'text/html' } }],
    ['an HTML 502 page', { status: 502, body: HTML_PAGE, headers: { 'content-type': 'text/html' } }],
    ['an HTML 403 firewall page', { status: 403, body: HTML_PAGE.replace(/502 Bad Gateway/g, 'Request blocked <b>by WAF</b>'), headers: { 'content-type': 'text/html' } }],
    ['status 418', { status: 418, json: { detail: "I'm a teapot" } }],
    ['status 599', { status: 599, body: 'network read timeout' }],
    ['status 299 with no body', { status: 299, body: '' }],
    ['JSON of the wrong shape', { status: 200, json: { id: BOT_ID, status_changes: 'recording', recordings: 7 } }],
    ['a JSON array', { status: 200, json: [1, 2, 3] }],
    ['an empty 200', { status: 200, body: '' }],
    ['a 5 MB detail', { status: 400, json: { detail: 'x'.repeat(5_000_000) } }],
  ];

  it.each(cases)('%s: a typed error with a short, plain message', async (_what, reply) => {
    handler = (path) => (path === `/api/v1/bot/${BOT_ID}/` ? reply : null);
    const result = await core.dispatch('bot:select', { botId: BOT_ID });
    if (result.ok) throw new Error('an odd answer was accepted as a bot');
    expect(ERROR_KINDS).toContain(result.error.kind);
    expect(result.error.kind).not.toBe('internal');
    expect(result.error.message.length).toBeGreaterThan(15);
    expect(result.error.message.length).toBeLessThan(600);
    expect(result.error.message).not.toMatch(/<script|<html|<h1|onerror/i);
  });

  it('unknown status codes and extra fields: read, shown as an unknown state, never a crash', async () => {
    currentName = 'Weekly sync';
    handler = (path) => {
      if (path !== `/api/v1/bot/${BOT_ID}/`) return null;
      const raw = bot('Weekly sync');
      raw.status_changes = [
        { code: 'joining_call', message: null, sub_code: null, created_at: '2025-06-10T14:00:00.000000Z' },
        { code: 'in_call_teleporting', message: 'A status from the future', sub_code: 'quantum_tunnel', created_at: '2025-06-10T14:01:00.000000Z' },
      ];
      raw.new_top_level_field = { nested: [1, 2, { deeper: true }] };
      return { status: 200, json: raw };
    };
    const result = await core.dispatch('bot:select', { botId: BOT_ID });
    if (!result.ok || !result.value.selected) throw new Error(`not selected: ${JSON.stringify(result)}`);
    expect(result.value.live).toBe('unknown');
    expect(result.value.status?.code).toBe('in_call_teleporting');
  });

  it('a `__proto__` key in an answer pollutes nothing', async () => {
    handler = (path) => {
      if (path !== `/api/v1/bot/${BOT_ID}/`) return null;
      const text = JSON.stringify(bot('Weekly sync')).replace('{', '{"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},');
      return { status: 200, body: text, headers: { 'content-type': 'application/json' } };
    };
    const result = await core.dispatch('bot:select', { botId: BOT_ID });
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('a redirect to another host never carries the API key there', async () => {
    const thief = await startScriptedServer(() => ({ status: 200, json: { results: [], next: null, previous: null } }));
    try {
      handler = (path) => (path === '/api/v1/bot/' ? { status: 302, body: '', headers: { location: `${thief.baseUrl}/api/v1/bot/` } } : null);
      const result = await core.dispatch('bot:list', undefined);
      if (!result.ok) expect(ERROR_KINDS).toContain(result.error.kind);
      // fetch follows the redirect but drops Authorization across origins: the other host learns nothing.
      expect(thief.requests.length).toBeLessThanOrEqual(1);
      for (const request of thief.requests) {
        expect(request.headers.authorization).toBeUndefined();
        expect(JSON.stringify(request.headers)).not.toContain(KEY);
      }
    } finally {
      await thief.close();
    }
  });
});
