import type { JsonValue } from './fuzz-request';
import { kindOf, resolve, type FieldKind, type OpenApiDocument, type Schema } from './openapi-routes';

export type FieldPath = readonly (string | number)[];

/** One field of a concrete body, with what its schema says about it. */
export interface BodyField {
  readonly path: FieldPath;
  readonly name: string;
  readonly kind: FieldKind;
  readonly schema: Schema;
  /** The schema lists it as required in its object (array elements count as required). */
  readonly required: boolean;
}

/** Array elements visited per array: a batch of 5,000 members needs no 5,000 variants of the same row. */
const ELEMENTS_VISITED = 3;

/**
 * Every field of `body` the schema describes (nested objects and array elements included), depth first; with
 * `absent`, also the optional fields the body leaves out (a place where a hostile value can go as well).
 */
export function fieldsOf(doc: OpenApiDocument, schema: Schema, body: JsonValue, absent = false): BodyField[] {
  return walk(doc, resolve(doc, schema), body, [], absent);
}

function walk(doc: OpenApiDocument, schema: Schema, value: JsonValue, path: FieldPath, absent: boolean): BodyField[] {
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = resolve(doc, schema.items);
    return value.slice(0, ELEMENTS_VISITED).flatMap((element, i) => {
      const field = { path: [...path, i], name: String(path[path.length - 1]), schema: items, required: true };
      return [{ ...field, kind: kindOf(doc, field.name, items) }, ...walk(doc, items, element, field.path, absent)];
    });
  }
  if (!isObject(value) || schema.properties === undefined) return [];
  return Object.entries(schema.properties).flatMap(([name, raw]) => {
    const present = name in value;
    if (!present && !absent) return [];
    const child = resolve(doc, raw);
    const field: BodyField = {
      path: [...path, name],
      name,
      kind: kindOf(doc, name, raw),
      schema: child,
      required: (schema.required ?? []).includes(name),
    };
    return present ? [field, ...walk(doc, child, value[name] as JsonValue, field.path, absent)] : [field];
  });
}

/** Paths of the objects in `body` (the body itself first): where extra and prototype keys can go. */
export function objectPaths(doc: OpenApiDocument, schema: Schema, body: JsonValue): FieldPath[] {
  return [
    [],
    ...fieldsOf(doc, schema, body)
      .filter((f) => isObject(getAt(body, f.path)))
      .map((f) => f.path),
  ];
}

export function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function getAt(body: JsonValue, path: FieldPath): JsonValue {
  return path.reduce<JsonValue>((node, key) => (node as Record<string | number, JsonValue>)[key], body);
}

/** Sets the value at `path` as an own property, even when the key is `__proto__`. */
export function setAt(body: JsonValue, path: FieldPath, value: JsonValue): void {
  const parent = getAt(body, path.slice(0, -1)) as Record<string | number, JsonValue>;
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(body: JsonValue, path: FieldPath): void {
  const parent = getAt(body, path.slice(0, -1)) as Record<string | number, JsonValue>;
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else delete parent[path[path.length - 1]];
}

export function pathText(path: FieldPath): string {
  return path.length === 0
    ? '(body)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
}

/** The kinds of field a body of this schema can hold, nested objects and array items included. */
export function schemaKinds(doc: OpenApiDocument, schema: Schema, seen = new Set<Schema>()): Set<FieldKind> {
  const kinds = new Set<FieldKind>();
  const resolved = resolve(doc, schema);
  if (seen.has(resolved)) return kinds;
  seen.add(resolved);
  for (const [name, raw] of Object.entries(resolved.properties ?? {})) {
    kinds.add(kindOf(doc, name, raw));
    const child = resolve(doc, raw);
    for (const kind of schemaKinds(doc, child.items ?? child, seen)) kinds.add(kind);
  }
  return kinds;
}
