// Shared helpers for the sandbox integration tests: a fast sandbox per test (high speed,
// tiny media), raw HTTP calls, and polling on the bot's state over the API itself.
import { request as httpRequest } from 'node:http';
import { afterEach, expect, vi } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox';

export const SMALL_MEDIA = { width: 320, height: 180, fps: 15 } as const;
export const MEET_URL = 'https://meet.google.com/abc-defg-hij';

const open: Sandbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A sandbox closed automatically after the test; speed 50 unless given. */
export async function testSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ speed: 50, media: SMALL_MEDIA, ...opts });
  open.push(sandbox);
  return sandbox;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  /** false = no Authorization header; a string = that header value. Default `Token <key>`. */
  auth?: false | string;
}

function parseJsonOrNull(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** One raw API call (no client, no retries). */
export async function call(sandbox: Sandbox, method: string, path: string, init: CallInit = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth !== false) headers.authorization = init.auth ?? `Token ${sandbox.apiKey}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parseJsonOrNull(text) };
}

/** A GET that carries a body — fetch refuses to send one, so this uses node:http. */
export function getWithBody(sandbox: Sandbox, path: string, body: string): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${sandbox.baseUrl}${path}`,
      { method: 'GET', headers: { authorization: `Token ${sandbox.apiKey}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  return value as JsonObject;
}

export function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected a JSON array, got ${JSON.stringify(value)}`);
  return value;
}

export async function createBot(sandbox: Sandbox, body: JsonObject = {}): Promise<JsonObject> {
  const reply = await call(sandbox, 'POST', '/api/v1/bot/', { body: { meeting_url: MEET_URL, ...body } });
  expect(reply.status, reply.text).toBe(201);
  return asObject(reply.json);
}

export async function getBot(sandbox: Sandbox, id: string): Promise<JsonObject> {
  const reply = await call(sandbox, 'GET', `/api/v1/bot/${id}/`);
  expect(reply.status, reply.text).toBe(200);
  return asObject(reply.json);
}

export function statusCodes(bot: JsonObject): string[] {
  return asArray(bot.status_changes).map((s) => String(asObject(s).code));
}

export function recordingsOf(bot: JsonObject): JsonObject[] {
  return asArray(bot.recordings).map(asObject);
}

/** Polls the bot until `predicate` holds; returns that bot. */
export async function waitForBot(sandbox: Sandbox, id: string, predicate: (bot: JsonObject) => boolean, timeout = 15_000): Promise<JsonObject> {
  let last: JsonObject = {};
  await vi.waitFor(
    async () => {
      last = await getBot(sandbox, id);
      if (!predicate(last)) throw new Error(`bot state not reached yet: ${statusCodes(last).join(' → ')}`);
    },
    { timeout, interval: 10 },
  );
  return last;
}

export const lastStatus = (bot: JsonObject): string | undefined => statusCodes(bot).at(-1);

export function waitForStatus(sandbox: Sandbox, id: string, code: string, timeout?: number): Promise<JsonObject> {
  return waitForBot(sandbox, id, (b) => lastStatus(b) === code, timeout);
}

/** The latest recording's video_mixed shortcut. */
export function videoMixedOf(recording: JsonObject): JsonObject {
  return asObject(asObject(recording.media_shortcuts).video_mixed);
}

/** Waits until the recording (by id) is `done`; returns the Recording object. */
export async function waitForRecordingDone(sandbox: Sandbox, recordingId: string, timeout = 30_000): Promise<JsonObject> {
  let last: JsonObject = {};
  await vi.waitFor(
    async () => {
      const reply = await call(sandbox, 'GET', `/api/v1/recording/${recordingId}/`);
      last = asObject(reply.json);
      if (asObject(last.status).code !== 'done') throw new Error(`recording is ${JSON.stringify(last.status)}`);
    },
    { timeout, interval: 20 },
  );
  return last;
}

/** A bot that is in the call and recording (auto-record), returned as the API shows it. */
export async function recordingBot(sandbox: Sandbox, body: JsonObject = {}): Promise<JsonObject> {
  const bot = await createBot(sandbox, body);
  return waitForStatus(sandbox, String(bot.id), 'in_call_recording');
}

export function wallSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Download {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** False when the connection broke before the declared body arrived. */
  complete: boolean;
}

/** GET/HEAD with node:http so partial bodies of broken transfers can be inspected. */
export function download(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (complete: boolean): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(res.complete));
      res.on('aborted', () => finish(false));
      res.on('error', () => finish(false));
      res.on('close', () => finish(res.complete));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Records, stops and waits for processing; returns the recording id and its fresh download URL. */
export async function finishedRecording(sandbox: Sandbox, recordMs = 200, body: JsonObject = {}): Promise<{ botId: string; recordingId: string; url: string }> {
  const bot = await recordingBot(sandbox, body);
  const botId = String(bot.id);
  await wallSleep(recordMs);
  const stopped = asObject((await call(sandbox, 'POST', `/api/v1/bot/${botId}/stop_recording/`)).json);
  const recordingId = String(recordingsOf(stopped).at(-1)?.id);
  const done = await waitForRecordingDone(sandbox, recordingId);
  return { botId, recordingId, url: String(asObject(videoMixedOf(done).data).download_url) };
}
