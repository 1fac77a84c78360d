/**
 * Validates response bodies against Alpaca's published OpenAPI specs (copied to ../shared/reference/alpaca-openapi/).
 * OpenAPI 3.0 schemas are not quite JSON Schema: `nullable` becomes a `null` alternative, annotation keywords
 * (example, x-*) are dropped, and `#/components/schemas/X` refs point at a registered copy. Nothing that constrains
 * a value (`required`, `type`, `enum`, `format`, lengths) is removed or loosened.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

export type SpecApi = 'trading' | 'market-data';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule.default;

const SPEC_DIR = fileURLToPath(new URL('../../../shared/reference/alpaca-openapi/', import.meta.url));
const SPEC_FILES: Readonly<Record<SpecApi, string>> = { trading: 'trading-api.json', 'market-data': 'market-data-api.json' };
const SCHEMA_REF = '#/components/schemas/';
const JSON_CONTENT = 'application/json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// Keywords that only describe or annotate; JSON Schema (draft-07) has no use for them.
const DROPPED_KEYWORDS = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs']);
// Keywords whose value is one subschema / a list of them / a map of them.
const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties']);

// Formats the specs use that ajv-formats does not know. Each is checked where a check means something.
const EXTRA_FORMATS: Readonly<Record<string, { type: 'string' | 'number'; validate: (v: never) => boolean }>> = {
  decimal: { type: 'string', validate: (v: string) => /^-?\d+(\.\d+)?$/.test(v) },
  ulid: { type: 'string', validate: (v: string) => /^[0-9A-HJKMNP-TV-Z]{26}$/i.test(v) },
  binary: { type: 'string', validate: () => true },
  double: { type: 'number', validate: (v: number) => Number.isFinite(v) },
  float: { type: 'number', validate: (v: number) => Number.isFinite(v) },
  int32: { type: 'number', validate: (v: number) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 },
  uint32: { type: 'number', validate: (v: number) => Number.isInteger(v) && v >= 0 && v < 2 ** 32 },
  // Beyond 2^53 JSON numbers lose precision anyway; require a whole number.
  int64: { type: 'number', validate: (v: number) => Number.isInteger(v) },
  uint64: { type: 'number', validate: (v: number) => Number.isInteger(v) && v >= 0 },
};

interface LoadedSpec {
  readonly doc: JsonObject;
  readonly id: string;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
addFormats(ajv);
for (const [name, format] of Object.entries(EXTRA_FORMATS)) ajv.addFormat(name, format as never);

const specs = new Map<SpecApi, LoadedSpec>();
const validators = new Map<string, ValidateFunction | null>();

/** Reads and registers a spec once; throws naming the path when the shared folder is missing. */
function loadSpec(api: SpecApi): LoadedSpec {
  const cached = specs.get(api);
  if (cached) return cached;
  const path = `${SPEC_DIR}${SPEC_FILES[api]}`;
  if (!existsSync(path)) {
    throw new Error(`Alpaca OpenAPI spec not found at ${path}: the shared reference folder must sit beside the repository`);
  }
  const doc = JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
  const id = `https://local.test/alpaca-${api}.json`;
  const schemas = ((doc['components'] as JsonObject | undefined)?.['schemas'] ?? {}) as JsonObject;
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = toJsonSchema(schema, id);
  ajv.addSchema({ $id: id, definitions }, id);
  const loaded = { doc, id };
  specs.set(api, loaded);
  return loaded;
}

/** One named schema of a spec (components.schemas), as written there. */
export function specSchema(api: SpecApi, name: string): unknown {
  const schemas = (loadSpec(api).doc['components'] as JsonObject | undefined)?.['schemas'] as JsonObject | undefined;
  return schemas?.[name];
}

/** Converts one OpenAPI 3.0 schema object to draft-07 JSON Schema. */
export function toJsonSchema(schema: Json, docId: string): Json {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith(SCHEMA_REF)) throw new Error(`unsupported $ref in a schema: ${value}`);
      out[key] = `${docId}#/definitions/${value.slice(SCHEMA_REF.length)}`;
    } else if (SUBSCHEMA.has(key) && typeof value === 'object') {
      out[key] = toJsonSchema(value, docId);
    } else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map((s) => toJsonSchema(s, docId));
    } else if (SUBSCHEMA_MAP.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, s]) => [k, toJsonSchema(s, docId)]));
    } else {
      out[key] = value;
    }
  }
  return schema['nullable'] === true ? allowNull(out) : out;
}

/** OpenAPI's `nullable: true`: the value may also be null. */
function allowNull(schema: JsonObject): JsonObject {
  const { type, enum: values } = schema;
  const combined = 'allOf' in schema || 'anyOf' in schema || 'oneOf' in schema || '$ref' in schema;
  if (typeof type === 'string' && !combined) {
    const widened: JsonObject = { ...schema, type: [type, 'null'] };
    if (Array.isArray(values)) widened['enum'] = [...values, null];
    return widened;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

function resolveRef(doc: JsonObject, node: Json): Json {
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof node['$ref'] === 'string') {
    let target: Json = doc;
    for (const part of node['$ref'].replace(/^#\//, '').split('/')) {
      target = (target as JsonObject | undefined)?.[part] ?? null;
    }
    if (target === null) throw new Error(`unresolvable $ref ${node['$ref']}`);
    return resolveRef(doc, target);
  }
  return node;
}

/** The compiled validator for a response, or null when the spec declares the status without a JSON body. */
function validatorFor(api: SpecApi, method: string, pathTemplate: string, status: number): ValidateFunction | null {
  const key = `${api} ${method} ${pathTemplate} ${status}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached;
  const { doc, id } = loadSpec(api);
  const paths = doc['paths'] as JsonObject;
  const pathItem = paths[pathTemplate] as JsonObject | undefined;
  if (!pathItem) throw new Error(`${api} spec has no path ${pathTemplate}`);
  const operation = pathItem[method.toLowerCase()] as JsonObject | undefined;
  if (!operation) throw new Error(`${api} spec has no ${method.toUpperCase()} ${pathTemplate}`);
  const responses = operation['responses'] as JsonObject;
  const declared =
    responses[String(status)] ?? responses[`${String(status).charAt(0)}XX`] ?? responses['default'] ?? undefined;
  if (declared === undefined) {
    throw new Error(
      `${api} spec does not declare status ${status} for ${method.toUpperCase()} ${pathTemplate} (declared: ${Object.keys(responses).join(', ')})`,
    );
  }
  const response = resolveRef(doc, declared) as JsonObject;
  const schema = ((response['content'] as JsonObject | undefined)?.[JSON_CONTENT] as JsonObject | undefined)?.['schema'];
  const validate = schema === undefined ? null : ajv.compile(toJsonSchema(schema, id) as object);
  validators.set(key, validate);
  return validate;
}

/**
 * Throws (listing ajv's messages) unless `body` matches the spec's JSON schema for this response.
 * A status the spec does not declare for the operation is an error too.
 */
export function expectConformsToSpec(api: SpecApi, method: string, pathTemplate: string, status: number, body: unknown): void {
  const validate = validatorFor(api, method, pathTemplate, status);
  if (validate === null || validate(body)) return;
  const messages = (validate.errors ?? []).map(describe);
  throw new Error(
    `${method.toUpperCase()} ${pathTemplate} ${status} does not match the ${api} spec:\n  ${messages.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
  );
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '(root)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
}
