import { RETRY_LATER_CODES, type ErrorCatalogue } from './error-codes';
import type { WireRequest } from './fuzz-request';
import type { Answer } from './wire-client';

/** What the case's request should get: refused (some 4xx, or one of `statuses`), accepted (2xx), or either. */
export type Expectation =
  | { readonly outcome: 'refuse'; readonly statuses?: readonly number[]; readonly codes?: readonly string[] }
  | { readonly outcome: 'accept' }
  | { readonly outcome: 'any' };

export interface FuzzCase {
  readonly className: string;
  /** The OpenAPI route aimed at (`POST /agreements`), or `*` for requests aimed at no documented route. */
  readonly routeKey: string;
  /** Which variant of the class (`above 2^53`, `2025-02-30`): failures are grouped by it. */
  readonly variant: string;
  /** Where in the request the variant went (`amount`, `query limit`, `header If-Match`). */
  readonly where: string;
  readonly wire: WireRequest;
  readonly expect: Expectation;
  /** An idempotent retry of a command already answered: it must answer 2xx and append nothing. */
  readonly replay?: boolean;
}

export interface Observation {
  readonly answer: Answer;
  /** `/health` headPosition before and after the request (null: /health did not answer). */
  readonly headBefore: number | null;
  readonly headAfter: number | null;
  /** For an accepted command: reading its agreement's history back from the version it answered. */
  readonly readBack?: Answer;
}

export interface Violation {
  /** Stable words for grouping: `answered 500`, `appended on refusal`... */
  readonly kind: string;
  readonly detail: string;
}

export const TIME_BOUND_MS = 2_000;

/** Library, parser and runtime wording that must never reach a client. */
const LEAKS: readonly RegExp[] = [
  /\bat [\w$.<>]+ \(/,
  /at Object\./,
  /\.(ts|js):\d+/,
  /node_modules/,
  /Sqlite|SQLITE_/,
  /in JSON at position|JSON at position|JSON input|Unexpected token|Unexpected non-whitespace|JSON\.parse/,
  /Bad control character|Unterminated string|Expected property name|Bad escaped character|Unexpected end/,
  /SyntaxError|TypeError|RangeError|ReferenceError|Maximum call stack|Cannot read propert/,
  /\/(work|tmp|home|usr|var)\//,
  /incorrect header check|zlib|Z_DATA_ERROR|unexpected end of file/,
  /body-parser|raw-body|class-transformer|class-validator/,
];

export function judge(fuzz: FuzzCase, seen: Observation, codes: ErrorCatalogue): Violation[] {
  const { answer } = seen;
  if (answer.kind === 'no-answer') return [{ kind: 'no answer', detail: answer.reason }];
  const violations: Violation[] = [];
  const add = (kind: string, detail: string) => violations.push({ kind, detail });
  if (answer.ms > TIME_BOUND_MS) add('slow answer', `${answer.ms} ms`);
  if (answer.status >= 400) violations.push(...errorBodyViolations(answer, codes));
  violations.push(...outcomeViolations(fuzz, answer.status, codeOf(answer.text)));
  violations.push(...ledgerViolations(fuzz, seen, answer.status));
  return violations;
}

function errorBodyViolations(answer: Extract<Answer, { kind: 'answered' }>, codes: ErrorCatalogue): Violation[] {
  const out: Violation[] = [];
  const add = (kind: string, detail: string) => out.push({ kind, detail });
  const { status, text } = answer;
  if (status >= 500 && !(status === 503 && RETRY_LATER_CODES.has(codeOf(text)))) add(`answered ${status}`, text);
  if (!/^application\/json/.test(String(answer.headers['content-type'] ?? ''))) {
    add(
      'error shape',
      `content-type ${answer.headers['content-type'] ?? '(none)'}, body ${JSON.stringify(text.slice(0, 80))}`,
    );
    return out;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    add('error shape', 'body is not JSON');
    return out;
  }
  const shape = shapeProblem(body, status);
  if (shape) add('error shape', shape);
  const code = (body as { code?: unknown }).code;
  if (typeof code === 'string' && !codes.allows(code, status)) add('undocumented code', `${status} ${code}`);
  const leak = LEAKS.find((pattern) => pattern.test(text));
  if (leak) add('internal detail leaked', text.slice(0, 300));
  return out;
}

function shapeProblem(body: unknown, status: number): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not an object';
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !['statusCode', 'code', 'message', 'details'].includes(k));
  if (extra.length > 0) return `keys besides statusCode, code, message, details: ${extra.join(', ')}`;
  if (record.statusCode !== status) return `statusCode ${String(record.statusCode)} under HTTP ${status}`;
  if (typeof record.code !== 'string') return 'no code';
  if (typeof record.message !== 'string' || record.message.length === 0) return 'no message';
  return null;
}

function outcomeViolations(fuzz: FuzzCase, status: number, code: string): Violation[] {
  const { expect } = fuzz;
  const refused = status >= 400 && status < 500;
  switch (expect.outcome) {
    case 'any':
      return [];
    case 'accept':
      return status >= 200 && status < 300 ? [] : [{ kind: 'valid request refused', detail: `HTTP ${status}` }];
    case 'refuse':
      if (status >= 200 && status < 400) return [{ kind: 'accepted hostile request', detail: `HTTP ${status}` }];
      if (refused && expect.statuses !== undefined && !expect.statuses.includes(status))
        return [{ kind: 'refused with another status', detail: `${status}, expected ${expect.statuses.join(' or ')}` }];
      if (refused && expect.codes !== undefined && !expect.codes.includes(code))
        return [{ kind: 'refused with another code', detail: `${code}, expected ${expect.codes.join(' or ')}` }];
      return [];
  }
}

/** Commands whose acceptance may append nothing: the answer then names the stream's current version. */
const NO_OP_ALLOWED = new Set(['POST /agreements/{id}/members/{nik}/corrections']);

function ledgerViolations(fuzz: FuzzCase, seen: Observation, status: number): Violation[] {
  const { headBefore: before, headAfter: after } = seen;
  if (before === null || after === null) return [{ kind: 'health did not answer around the request', detail: '' }];
  const isCommand = fuzz.wire.method === 'POST' && status >= 200 && status < 300 && fuzz.routeKey.startsWith('POST');
  if (status >= 400 && after !== before) return [{ kind: 'appended on refusal', detail: `head ${before} -> ${after}` }];
  if (!isCommand || fuzz.replay) {
    const kind = fuzz.replay ? 'idempotent retry appended' : 'appended without a command';
    return after === before ? [] : [{ kind, detail: `head ${before} -> ${after}` }];
  }
  if (after <= before) {
    // DOMAIN.md rule 13 as the decider has it: a correction that changes nothing records nothing (a value the
    // fuzz rewrote to one the member already has). Every other accepted command must append.
    if (NO_OP_ALLOWED.has(fuzz.routeKey)) return [];
    return [{ kind: 'accepted command appended nothing', detail: `head ${before}` }];
  }
  const readBack = seen.readBack;
  if (readBack?.kind !== 'answered' || readBack.status !== 200) {
    const got = readBack?.kind === 'answered' ? `HTTP ${readBack.status} ${readBack.text.slice(0, 120)}` : 'no answer';
    return [{ kind: 'history unreadable after accepted command', detail: got }];
  }
  return [];
}

function codeOf(text: string): string {
  try {
    return String((JSON.parse(text) as { code?: unknown }).code);
  } catch {
    return '';
  }
}
