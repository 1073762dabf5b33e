// Admin endpoints under /_sandbox/ (never a Recall path): read/replace faults, end a call as
// the host, and inspect the whole sandbox state. They need the sandbox API key.
import { ApiError, notFound } from './api-error';
import type { BotEngine } from './bots';
import { InvalidFaultConfigError, type FaultController } from './faults';
import { jsonResponse, type ApiResponse } from './http-io';
import type { Serializer } from './serialize';
import { isoMicro } from './time-format';
import { isObject } from './validation';

export interface AdminDeps {
  engine: BotEngine;
  serializer: Serializer;
  faults: FaultController;
  clock: { now(): number; readonly speed: number };
  settings: () => Record<string, unknown>;
  mediaFile: (recordingId: string) => string | null;
}

export function handleAdmin(method: string, path: string, body: unknown, deps: AdminDeps): ApiResponse {
  const { engine, faults } = deps;
  if (path === '/_sandbox/faults') {
    if (method === 'GET') return jsonResponse(200, faults.get());
    if (method === 'DELETE') {
      faults.reset();
      return jsonResponse(200, faults.get());
    }
    if (method === 'PUT') {
      try {
        faults.set(body ?? {});
      } catch (error) {
        if (error instanceof InvalidFaultConfigError) throw new ApiError(400, { code: 'invalid_faults', detail: error.message });
        throw error;
      }
      return jsonResponse(200, faults.get());
    }
    throw new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow: 'GET, PUT, DELETE' });
  }
  const endCall = /^\/_sandbox\/bots\/([^/]+)\/end_call$/.exec(path);
  if (endCall !== null) {
    if (method !== 'POST') throw new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow: 'POST' });
    const subCode = isObject(body) && typeof body['sub_code'] === 'string' ? body['sub_code'] : undefined;
    const bot = engine.hostEndsCall(endCall[1] ?? '', subCode);
    return jsonResponse(200, deps.serializer.bot(bot, engine.recordingsOf(bot)));
  }
  if (path === '/_sandbox/state') {
    if (method !== 'GET') throw new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow: 'GET' });
    return jsonResponse(200, {
      now: isoMicro(deps.clock.now()),
      speed: deps.clock.speed,
      ...deps.settings(),
      faults: faults.get(),
      bots: engine.all().map((bot) => ({
        id: bot.id,
        status: bot.statusChanges.at(-1)?.code ?? null,
        sub_code: bot.statusChanges.at(-1)?.subCode ?? null,
        active_recording_id: bot.activeRecordingId,
        recordings: bot.recordingIds.map((id) => {
          const r = engine.recording(id);
          return r === undefined
            ? { id }
            : {
                id,
                status: r.status.code,
                replaced: r.replaced,
                started_at: isoMicro(r.startedAt),
                completed_at: r.completedAt === null ? null : isoMicro(r.completedAt),
                pauses: r.pauses.map((p) => ({ start_ms: p.start - r.startedAt, end_ms: p.end === null ? null : p.end - r.startedAt })),
                media_file: deps.mediaFile(id),
              };
        }),
      })),
    });
  }
  throw notFound();
}
