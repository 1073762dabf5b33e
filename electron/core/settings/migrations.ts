// Older settings files brought up to the current schema, one step per version, before the
// field-by-field reader runs. Each step only reshapes; validation stays in the reader.
import { isRecord } from './field-checks';
import { SETTINGS_SCHEMA_VERSION } from './settings';

export type RawSettings = Readonly<Record<string, unknown>>;

/**
 * Before `schemaVersion` (version 0) the file was flat: `mode`, `region` and `apiBase` (the
 * CLI's names) at the top, and `notifications` one switch for everything.
 */
function fromUnversioned(raw: RawSettings): RawSettings {
  const { mode, region, apiBase, notifications, ...rest } = raw;
  const out: Record<string, unknown> = { ...rest };
  const flatConnection = Object.fromEntries(
    Object.entries({ mode, region, customBaseUrl: apiBase }).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(flatConnection).length > 0) {
    // An explicit `connection` object wins; the flat fields it shadows are merged under it.
    out.connection = isRecord(raw.connection) ? { ...flatConnection, ...raw.connection } : flatConnection;
  }
  if (typeof notifications === 'boolean') out.notifications = { enabled: notifications, onHotkeyConfirm: notifications };
  else if (notifications !== undefined) out.notifications = notifications;
  out.schemaVersion = 1;
  return out;
}

/** MIGRATIONS[v] turns a version-v file into version v + 1. */
const MIGRATIONS: ReadonlyArray<(raw: RawSettings) => RawSettings> = [fromUnversioned];

/** `raw` (saved as `fromVersion`, 0 = unversioned) in the current schema's shape. */
export function migrateSettings(raw: RawSettings, fromVersion: number): RawSettings {
  let out = raw;
  for (let version = Math.max(0, fromVersion); version < SETTINGS_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step) out = step(out);
  }
  return out;
}
