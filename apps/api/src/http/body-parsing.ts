import { json } from 'body-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpProblem } from './http-problem';

/**
 * Limits of a JSON body's structure. The deepest body of the API nests 3 levels (a member row in a batch)
 * and its widest object has 10 fields: anything far beyond is not a mistake but an attack on the parser.
 */
export const BODY_STRUCTURE = { maxDepth: 16, maxKeysPerObject: 100, maxArrayItems: 5_000 } as const;

/**
 * Names an object inherits from Object.prototype. As JSON keys they are never fields of the API, and some
 * (`__proto__`, `constructor`) change what an object is once copied into a class instance.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The JSON body parser of the API: the nesting depth is checked on the raw bytes before JSON.parse runs, so a
 * deeply nested body costs one linear scan, not a parse; after parsing, inherited names as keys, over-wide
 * objects and over-long arrays are refused. Every failure becomes one of the API's errors, never the parser's
 * own message. Query parameters with inherited names are refused here too.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit, strict: true, verify: (_req, _res, buffer) => assertDepth(buffer) });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) return next(toProblem(error));
      const problem =
        queryProblem(req.query as Record<string, unknown>) ??
        (req.body === undefined ? null : structureProblem(req.body as unknown, []));
      next(problem ?? undefined);
    });
  };
}

/** Depth of `[` and `{` outside strings: one pass, no allocation. */
function assertDepth(buffer: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > BODY_STRUCTURE.maxDepth) throw Object.assign(new Error('too deep'), { type: 'entity.too.deep' });
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
}

/**
 * The first structural problem of a parsed body. The path is kept as segments, pushed and popped on the way,
 * and written out only for a problem: a batch of 5,000 members has 30,000 values to visit.
 */
function structureProblem(value: unknown, path: (string | number)[]): HttpProblem | null {
  if (Array.isArray(value)) {
    if (value.length > BODY_STRUCTURE.maxArrayItems) {
      const at = pathText(path);
      return new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `${at || 'the body'} lists more than the API accepts`, {
        path: at,
        maxItems: BODY_STRUCTURE.maxArrayItems,
        items: value.length,
      });
    }
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const problem = structureProblem(value[i], path);
      path.pop();
      if (problem) return problem;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const keys = Object.keys(value);
  if (keys.length > BODY_STRUCTURE.maxKeysPerObject) {
    return invalid(pathText(path) || 'body', `has more than ${BODY_STRUCTURE.maxKeysPerObject} fields`);
  }
  for (const key of keys) {
    path.push(key);
    const problem = INHERITED_NAMES.has(key)
      ? invalid(pathText(path), 'is not a field of this request')
      : structureProblem((value as Record<string, unknown>)[key], path);
    path.pop();
    if (problem) return problem;
  }
  return null;
}

/** `members[3].nik`, as the API names fields. */
function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
  return text;
}

/** Query parameters named after inherited names: no query of the API has one, and they slip past whitelisting. */
function queryProblem(query: Record<string, unknown>): HttpProblem | null {
  const name = Object.keys(query ?? {}).find((key) => INHERITED_NAMES.has(key));
  return name === undefined ? null : invalid(name, 'is not a parameter of this request');
}

function invalid(path: string, reason: string): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_FAILED', 'the request has invalid fields', [{ path, reason }]);
}

/** The body parser's errors, in the API's words: its own messages may quote the body or name internals. */
function toProblem(error: unknown): HttpProblem {
  const { type, limit } = error as { type?: unknown; limit?: unknown };
  switch (type) {
    case 'entity.too.large':
      return new HttpProblem(413, 'PAYLOAD_TOO_LARGE', 'request body is larger than the server accepts', {
        limitBytes: limit,
      });
    case 'entity.too.deep':
      return invalid('body', `nests deeper than ${BODY_STRUCTURE.maxDepth} levels`);
    case 'entity.parse.failed':
      return new HttpProblem(400, 'VALIDATION_FAILED', 'request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(400, 'VALIDATION_FAILED', 'request body encoding or charset is not supported');
    default:
      return new HttpProblem(400, 'VALIDATION_FAILED', 'request body could not be read as its headers declare it');
  }
}
