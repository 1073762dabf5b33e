// Validates payloads against Recall's published OpenAPI components with ajv: converts the
// OpenAPI 3.0 dialect to JSON Schema and patches the schema's two documented contradictions.
// Shared by the client tests and the sandbox tests (it never imports either implementation).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Verbatim copy of /work/shared/reference/recall-openapi.json (Recall's v1.11 fragments merged by
 * the MIT-licensed Genei-Ltd/recall-sdk, schemas/openapi.json), kept in the repo so CI has it.
 */
// Recall's published schema lives in ../shared/reference beside the repository (CI clones it
// there too); RECALL_OPENAPI_PATH overrides it for unusual layouts.
export const RECALL_OPENAPI_PATH =
  process.env.RECALL_OPENAPI_PATH ??
  fileURLToPath(new URL('../../../shared/reference/recall-openapi.json', import.meta.url));

// Component names, exactly as in the spec's components.schemas.
export const BOT = 'Bot';
export const BOT_EVENT = 'BotEvent';
export const BOT_RECORDING_EMBED = 'BotRecordingEmbed';
export const RECORDING = 'Recording';
export const RECORDING_SHORTCUTS = 'RecordingShortcuts';
export const VIDEO_MIXED_ARTIFACT = 'VideoMixedArtifact';
export const VIDEO_MIXED_ARTIFACT_SHORTCUT = 'VideoMixedArtifactShortcut';
export const TRANSCRIPT_ARTIFACT_SHORTCUT = 'TranscriptArtifactShortcut';
export const PAGINATED_BOT_LIST = 'PaginatedBotList';
export const PAGINATED_RECORDING_LIST = 'PaginatedRecordingList';
export const PAGINATED_VIDEO_MIXED_ARTIFACT_LIST = 'PaginatedVideoMixedArtifactList';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI-only annotations that JSON Schema (ajv strict mode) does not know. */
const DROPPED_KEYWORDS = new Set(['readOnly', 'writeOnly', 'discriminator', 'example', 'nullable', 'xml', 'externalDocs']);
/** Keywords whose values are data, not sub-schemas: copied untouched. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'required']);
/** Keywords whose values map names to sub-schemas (the names are not keywords). */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

const ANNOTATION_FORMATS = ['int32', 'int64', 'float', 'double', 'integer', 'ms', 'date-span', 'url'];

const COMPONENT_REF = '#/components/schemas/';
const SCHEMA_ID = 'recall-openapi';

/**
 * Converts one OpenAPI 3.0 schema node to JSON Schema: `nullable: true` becomes
 * `anyOf: [schema, {type: 'null'}]`, OpenAPI-only keywords and `x-` extensions are dropped,
 * and `$ref`s to components point into this module's schema document.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const discriminated = discriminatedUnion(node);
  if (discriminated) return discriminated;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith(COMPONENT_REF) ? `${SCHEMA_ID}#/$defs/${value.slice(COMPONENT_REF.length)}` : value;
    } else if (DATA_KEYWORDS.has(key)) {
      out[key] = value;
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * `oneOf` + `discriminator.mapping` selects ONE branch by the discriminator's value; plain
 * JSON Schema `oneOf` instead fails whenever a payload happens to fit two branches (Recall's
 * retention `{type: 'timed', hours}` fits both its branches). Express the selection as
 * if/then per mapped value.
 */
function discriminatedUnion(node: JsonObject): Json | null {
  const discriminator = node.discriminator;
  if (!isObject(discriminator) || !Array.isArray(node.oneOf)) return null;
  const property = discriminator.propertyName;
  const mapping = discriminator.mapping;
  if (typeof property !== 'string' || !isObject(mapping)) return null;
  const values = Object.keys(mapping);
  const branches: Json[] = values.map((value) => ({
    if: { properties: { [property]: { const: value } }, required: [property] },
    then: toJsonSchema({ $ref: mapping[value] ?? null }),
  }));
  const union: JsonObject = {
    type: 'object',
    required: [property],
    properties: { [property]: { enum: values } },
    allOf: branches,
  };
  return node.nullable === true ? { anyOf: [union, { type: 'null' }] } : union;
}

/**
 * The two places where Recall's own documented examples contradict the schema
 * (reference/README.md); both readings are accepted:
 * 1. `BotEvent.message` and `BotEvent.sub_code` (items of `status_changes`): the schema says
 *    string, the docs' examples show `null`.
 * 2. `Recording.expires_at`: the schema says a required string; with "forever" retention it is
 *    `null`.
 */
export function patchKnownContradictions(schemas: JsonObject): void {
  const makeNullable = (component: string, property: string): void => {
    const props = (schemas[component] as JsonObject | undefined)?.properties;
    const prop = isObject(props) ? props[property] : undefined;
    if (!isObject(prop)) throw new Error(`OpenAPI component ${component}.${property} is missing; the patch is outdated`);
    prop.nullable = true;
  };
  makeNullable('BotEvent', 'message');
  makeNullable('BotEvent', 'sub_code');
  makeNullable('Recording', 'expires_at');
}

export function loadOpenApiDocument(): JsonObject {
  return JSON.parse(readFileSync(RECALL_OPENAPI_PATH, 'utf8')) as JsonObject;
}

function buildAjv(patched: boolean): Ajv {
  const doc = loadOpenApiDocument();
  const components = doc.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  if (!isObject(schemas)) throw new Error(`${RECALL_OPENAPI_PATH} has no components.schemas`);
  if (patched) patchKnownContradictions(schemas);
  const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true });
  addFormats(ajv);
  // OpenAPI/vendor format names that carry no JSON-Schema check (numeric widths, durations).
  for (const name of ANNOTATION_FORMATS) ajv.addFormat(name, true);
  ajv.addSchema({ $id: SCHEMA_ID, $defs: toJsonSchema(schemas) });
  return ajv;
}

const instances = new Map<boolean, Ajv>();

export interface LoadOptions {
  /** Apply patchKnownContradictions (default true). false validates against the spec as published. */
  patchContradictions?: boolean;
}

/** A compiled ajv validator for `components.schemas[componentName]`. */
export function loadRecallSchema(componentName: string, opts: LoadOptions = {}): ValidateFunction {
  const patched = opts.patchContradictions ?? true;
  let ajv = instances.get(patched);
  if (!ajv) {
    ajv = buildAjv(patched);
    instances.set(patched, ajv);
  }
  const validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${componentName}`);
  if (!validate) throw new Error(`Recall OpenAPI has no component named ${componentName}`);
  return validate;
}

/** ajv errors as readable lines: "/recordings/0/status/code must be equal to one of the allowed values". */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`).join('\n');
}

/** Validates `payload` against a component; returns the error text, or null when it conforms. */
export function recallSchemaErrors(componentName: string, payload: unknown, opts: LoadOptions = {}): string | null {
  const validate = loadRecallSchema(componentName, opts);
  return validate(payload) ? null : describeAjvErrors(validate.errors);
}
