// Timestamp formats the sandbox speaks: Recall's microsecond ISO-8601 UTC and HTTP dates.
export function isoMicro(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const micros = Math.floor((epochMs - whole) * 1000);
  const base = new Date(whole).toISOString(); // 2025-01-01T00:00:00.123Z
  return `${base.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/** Parses a client-supplied ISO-8601 date-time (DRF accepts offsets or Z); NaN when invalid. */
export function parseIsoDateTime(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return Number.NaN;
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}
