import Ajv, { type ValidateFunction } from 'ajv';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';

/** One answer an e2e suite received. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, any> }>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const REPORT = join(__dirname, '..', '..', '..', 'test-output', 'openapi-responses.jsonl');

/**
 * Records every response a suite's supertest client receives and checks it against the service's own OpenAPI
 * document: the status must be documented for the operation, and a JSON body must match its schema (OpenAPI 3.0
 * `nullable` read as JSON Schema's null type). Responses of paths the document does not list (404/405 of the
 * router, the docs UI, the dashboard's files) are not operations and are only counted.
 */
export class ResponseRecorder {
  private readonly seen: Seen[] = [];

  record(method: string, url: string, response: Response): void {
    const path = new URL(url).pathname;
    this.seen.push({
      method: method.toLowerCase(),
      path,
      status: response.status,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body,
    });
  }

  /** Violations found, one line each; writes the counts to test-output/openapi-responses.jsonl. */
  check(doc: Doc, suite: string): string[] {
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(nullableAsType(structuredClone(doc)) as object, 'doc');
    const routes = Object.keys(doc.paths).map((template) => ({ template, pattern: patternOf(template) }));
    const violations: string[] = [];
    const operations = new Set<string>();
    let checked = 0;
    for (const seen of this.seen) {
      const route = routes.find((r) => r.pattern.test(seen.path) && doc.paths[r.template][seen.method]);
      if (route === undefined || !METHODS.includes(seen.method)) continue;
      checked += 1;
      operations.add(`${seen.method.toUpperCase()} ${route.template}`);
      const problem = this.problemOf(ajv, doc, route.template, seen);
      if (problem) violations.push(`${seen.method.toUpperCase()} ${seen.path} ${seen.status}: ${problem}`);
    }
    mkdirSync(join(REPORT, '..'), { recursive: true });
    appendFileSync(
      REPORT,
      `${JSON.stringify({ suite, received: this.seen.length, checked, operations: [...operations] })}\n`,
    );
    return violations;
  }

  private problemOf(ajv: Ajv, doc: Doc, template: string, seen: Seen): string | null {
    const responses = doc.paths[template][seen.method].responses ?? {};
    if (responses[String(seen.status)] === undefined) return 'status not documented';
    const content = responses[String(seen.status)].content;
    if (!seen.contentType.startsWith('application/json') || content?.['application/json'] === undefined) return null;
    const pointer = `doc#/paths/${escape(template)}/${seen.method}/responses/${seen.status}/content/application~1json/schema`;
    const validate: ValidateFunction = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    return validate(seen.body) ? null : ajv.errorsText(validate.errors);
  }
}

function patternOf(template: string): RegExp {
  const segments = template
    .split('/')
    .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`);
}

function escape(template: string): string {
  return template.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema's `type: [t, 'null']`, everywhere in the document. */
function nullableAsType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsType);
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  for (const key of Object.keys(object)) object[key] = nullableAsType(object[key]);
  if (object.nullable === true && typeof object.type === 'string') object.type = [object.type, 'null'];
  if (object.nullable === true && object.type === undefined && object.$ref === undefined) delete object.nullable;
  return object;
}
