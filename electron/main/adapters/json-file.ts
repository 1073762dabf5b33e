// One JSON file in the app's data folder: read raw (so a damaged or hand-edited file is noticed
// before anything overwrites it), set aside as `<name>.corrupt-<time>.json`, and written through
// electron-store (atomic writes). No schema here: the core parsers validate what was read.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';

export type JsonRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: unknown; readonly text: string }
  /** Not JSON, or the file exists but cannot be read; `reason` is safe to show (no content). */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Writes whole values to one file. */
export interface JsonWriter {
  readonly path: string;
  write(value: Readonly<Record<string, unknown>>): void;
}

export interface JsonWriterOptions {
  dir: string;
  /** File name without `.json`. */
  name: string;
  /** e.g. 0o600 for a file only its owner may read. */
  fileMode?: number;
}

export type CreateJsonWriter = (options: JsonWriterOptions) => JsonWriter;

export function jsonPath(dir: string, name: string): string {
  return join(dir, `${name}.json`);
}

/** electron-store without schema, defaults or watching: the caller owns the content. */
export const electronStoreWriter: CreateJsonWriter = ({ dir, name, fileMode }) => {
  const store = new Store<Record<string, unknown>>({
    cwd: dir,
    name,
    watch: false,
    accessPropertiesByDotNotation: false,
    ...(fileMode === undefined ? {} : { configFileMode: fileMode }),
  });
  return {
    path: store.path,
    write(value) {
      store.store = { ...value };
    },
  };
};

export function readJson(path: string): JsonRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `it could not be read (${error instanceof Error && 'code' in error ? String(error.code) : 'unknown error'})` };
  }
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return { kind: 'ok', value, text };
  } catch {
    // JSON.parse quotes the text around the error; the file may hold secrets, so say only where.
    return { kind: 'unreadable', reason: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
}

/** `2024-05-01T10-22-33-123Z`: sortable, and legal in file names on every OS. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function backupPath(dir: string, name: string, now: number): string {
  const base = `${name}.corrupt-${fileStamp(now)}`;
  let candidate = join(dir, `${base}.json`);
  for (let n = 1; existsSync(candidate); n++) candidate = join(dir, `${base}-${n}.json`);
  return candidate;
}

/**
 * Keeps the bad file as a backup and returns where, or null when that failed too.
 * `content` given: the backup gets that text (e.g. with a secret removed) and the original
 * stays in place to be overwritten; otherwise the file itself is moved (or copied).
 */
export function setAside(dir: string, name: string, now: number, content?: string): string | null {
  const target = backupPath(dir, name, now);
  const source = jsonPath(dir, name);
  try {
    if (content !== undefined) writeFileSync(target, content, { mode: 0o600 });
    else {
      try {
        renameSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
    return target;
  } catch {
    return null;
  }
}
