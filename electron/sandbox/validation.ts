// Django-REST-Framework-style field validation helpers: Recall answers bad input with
// `{ field: ["message"] }` maps (nested objects for nested serializers).
export type JsonObject = Record<string, unknown>;
export type FieldErrors = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python type name DRF prints in "Expected a dictionary, but got X." messages. */
export function pyTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'dict';
}

export const expectedDict = (value: unknown): string[] => [`Invalid data. Expected a dictionary, but got ${pyTypeName(value)}.`];

export const invalidChoice = (value: unknown): string[] => [`"${String(value)}" is not a valid choice.`];

/** `{key: string|null}` maps (Recall metadata). Returns the errors or null when valid. */
export function metadataErrors(value: unknown): string[] | null {
  if (!isObject(value)) return expectedDict(value);
  for (const v of Object.values(value)) {
    if (v !== null && typeof v !== 'string') return ['Metadata values must be strings or null.'];
  }
  return null;
}

export function stringMap(value: JsonObject): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : null;
  return out;
}
