/**
 * The routes of the OpenAPI document the service serves at /docs-json, read at run time so that a route added
 * to the service is fuzzed (or the run fails for want of a generator) without anyone editing a list.
 */

export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly example?: unknown;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, Schema>> };
}

interface Operation {
  readonly parameters?: readonly { name: string; in: string; required?: boolean; schema?: Schema }[];
  readonly requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** What a value is, as far as the document tells (or, where it is silent, the parameter's name). */
export type FieldKind = 'integer' | 'date' | 'instant' | 'enum' | 'nik' | 'pattern' | 'text' | 'object' | 'array';

export interface ParamSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly schema: Schema;
}

export interface DocRoute {
  /** `POST /agreements/{id}/cohorts`: the key of the route's generators. */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly ParamSpec[];
  readonly query: readonly ParamSpec[];
  readonly headers: readonly ParamSpec[];
  readonly body?: Schema;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
/** Parameters whose schema says only "string": their kind comes from the name the API gives them. */
const KIND_OF_NAME: Readonly<Record<string, FieldKind>> = {
  from: 'date',
  to: 'date',
  asOf: 'instant',
  asKnownAt: 'instant',
  nik: 'nik',
};

export function routesOf(doc: OpenApiDocument): DocRoute[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => routeOf(doc, method.toUpperCase(), path, op)),
  );
}

function routeOf(doc: OpenApiDocument, method: string, path: string, op: Operation): DocRoute {
  const params = (where: string) =>
    (op.parameters ?? [])
      .filter((p) => p.in === where)
      .map((p) => ({ name: p.name, schema: p.schema ?? {}, kind: kindOf(doc, p.name, p.schema ?? {}) }));
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  return {
    key: `${method} ${path}`,
    method,
    path,
    pathParams: params('path'),
    query: params('query'),
    headers: params('header'),
    body: bodySchema === undefined ? undefined : resolve(doc, bodySchema),
  };
}

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (target === undefined) throw new Error(`the OpenAPI document has no schema ${schema.$ref}`);
  return resolve(doc, target);
}

export function kindOf(doc: OpenApiDocument, name: string, raw: Schema): FieldKind {
  const schema = resolve(doc, raw);
  if (schema.type === 'number' || schema.type === 'integer') return 'integer';
  if (schema.type === 'array') return 'array';
  if (schema.type === 'object' || schema.properties !== undefined) return 'object';
  if (schema.enum !== undefined) return 'enum';
  const example = typeof schema.example === 'string' ? schema.example : '';
  if (/^\d{16}$/.test(example) || KIND_OF_NAME[name] === 'nik') return 'nik';
  if (DATE.test(example)) return 'date';
  if (INSTANT.test(example)) return 'instant';
  if (KIND_OF_NAME[name] !== undefined) return KIND_OF_NAME[name];
  return schema.pattern !== undefined ? 'pattern' : 'text';
}

/**
 * The methods the document allows on a concrete path, matched as Express routes it: literal segments without
 * regard to case, a `{param}` matching any one non-empty segment, a trailing slash ignored.
 */
export function methodsAt(routes: readonly DocRoute[], path: string): Set<string> {
  const segments = splitPath(path);
  const methods = new Set<string>();
  for (const route of routes) {
    const template = splitPath(route.path);
    const matches =
      template.length === segments.length &&
      template.every((part, i) =>
        /^\{\w+\}$/.test(part) ? segments[i] !== '' : part.toLowerCase() === segments[i].toLowerCase(),
      );
    if (matches) methods.add(route.method);
  }
  return methods;
}

function splitPath(path: string): string[] {
  const bare = path.split('?')[0].replace(/\/$/, '');
  return bare.split('/').slice(1);
}
