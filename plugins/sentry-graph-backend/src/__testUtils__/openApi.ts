import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const DOCUMENT_ID = 'sentry-graph-openapi';

interface DeclaredResponse {
  $ref?: string;
  content?: { 'application/json'?: { schema: unknown } };
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, DeclaredResponse> }>
  >;
  components: { responses: Record<string, DeclaredResponse> };
}

const document = parse(
  fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8'),
) as OpenApiDocument;
// OpenAPI 3.0 schemas are JSON Schema with a few extras ajv accepts in loose mode.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, DOCUMENT_ID);
const validators = new Map<string, ValidateFunction>();

/**
 * Checks a real response against the OpenAPI document shipped with the
 * plugin; returns the mismatches (empty when the response conforms).
 */
export function openApiMismatches(
  method: string,
  route: string,
  response: { status: number; body: unknown },
): string[] {
  const operation = document.paths[route]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${route} is not in the OpenAPI document`];
  const declared = operation.responses[String(response.status)];
  if (!declared)
    return [`${method} ${route} does not declare status ${response.status}`];
  const key = `${method} ${route} ${response.status}`;
  let validate = validators.get(key);
  if (!validate) {
    const content = declared.$ref
      ? document.components.responses[declared.$ref.split('/').pop() ?? '']
          ?.content
      : declared.content;
    const schema = content?.['application/json']?.schema;
    if (!schema)
      return [`${method} ${route} ${response.status} has no JSON schema`];
    validate = ajv.compile(pointAtDocument(schema) as object);
    validators.set(key, validate);
  }
  if (validate(response.body)) return [];
  return (validate.errors ?? []).map(
    e => `${e.instancePath || '/'} ${e.message ?? ''}`,
  );
}

/** Rewrites the document's local $refs so a schema compiles on its own. */
function pointAtDocument(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointAtDocument);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#')
          ? `${DOCUMENT_ID}${v}`
          : pointAtDocument(v),
      ]),
    );
  }
  return value;
}
