import { errorCatalogue } from './error-codes';
import { encodeLoosely, jsonText, RawJson, renderPlan } from './fuzz-request';
import { judge, type Expectation, type FuzzCase, type Observation } from './oracle';
import { methodsAt, type DocRoute } from './openapi-routes';
import { parseAnswer } from './wire-client';

/** The hostile-input suite's own judge: each rule it applies must be able to fail. */
const codes = errorCatalogue();

function fuzzCase(expect: Expectation, method = 'POST', routeKey = 'POST /agreements'): FuzzCase {
  return {
    className: 'money',
    routeKey,
    variant: '1e21',
    where: 'amount',
    wire: { method, path: '/agreements', headers: {} },
    expect,
  };
}

function seen(status: number, body: unknown, head: [number, number] = [5, 5], type = 'application/json'): Observation {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    answer: { kind: 'answered', status, headers: { 'content-type': type }, text, ms: 3 },
    headBefore: head[0],
    headAfter: head[1],
  };
}

const refused = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request has invalid fields' };
const kinds = (fuzz: FuzzCase, observation: Observation) => judge(fuzz, observation, codes).map((v) => v.kind);

describe('the hostile-input judge', () => {
  it('passes a documented refusal that appended nothing', () => {
    expect(kinds(fuzzCase({ outcome: 'refuse', statuses: [400] }), seen(400, refused))).toEqual([]);
  });

  it('fails a refusal after which the log head moved', () => {
    expect(kinds(fuzzCase({ outcome: 'refuse' }), seen(400, refused, [5, 6]))).toEqual(['appended on refusal']);
  });

  it('fails a hostile request the service accepted', () => {
    const accepted = seen(201, { agreementId: 'a', version: 1, position: 6 }, [5, 6]);
    const readBack = seen(200, { items: [] }).answer;
    expect(kinds(fuzzCase({ outcome: 'refuse' }), { ...accepted, readBack })).toEqual(['accepted hostile request']);
  });

  it('fails any 500, and a 503 unless it says NOT_CAUGHT_UP', () => {
    const internal = { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal error' };
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(500, internal))).toEqual(['answered 500']);
    const behind = { statusCode: 503, code: 'NOT_CAUGHT_UP', message: 'not yet' };
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(503, behind))).toEqual([]);
  });

  it('fails an error body of another shape, an empty one, or one whose statusCode is not the status', () => {
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(431, '', [5, 5], ''))).toEqual(['error shape']);
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(400, { ...refused, error: 'Bad Request' }))).toEqual([
      'error shape',
    ]);
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(404, { ...refused, statusCode: 400 }))).toContain('error shape');
  });

  it('fails an undocumented code, and a documented one under another documented status', () => {
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(400, { ...refused, code: 'BAD_REQUEST' }))).toEqual([
      'undocumented code',
    ]);
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(404, { ...refused, statusCode: 404 }))).toEqual([
      'undocumented code',
    ]);
  });

  it.each([
    'Unexpected token } in JSON at position 12',
    'Expected double-quoted property name in JSON at position 9',
    'SqliteError: UNIQUE constraint failed',
    'at Object.<anonymous> (/work/app/main.js:3:9)',
    'Maximum call stack size exceeded',
  ])('fails a message that leaks the library: %s', (message) => {
    expect(kinds(fuzzCase({ outcome: 'any' }), seen(400, { ...refused, message }))).toEqual(['internal detail leaked']);
  });

  it('fails a request that got no answer within the time bound', () => {
    const silent: Observation = {
      answer: { kind: 'no-answer', reason: 'no answer within 2000 ms', ms: 2000 },
      headBefore: 5,
      headAfter: 5,
    };
    expect(kinds(fuzzCase({ outcome: 'any' }), silent)).toEqual(['no answer']);
  });

  it('fails an accepted command that appended nothing, and a query or a retry that appended', () => {
    const accepted = seen(201, { agreementId: 'a', version: 1, position: 5 }, [5, 5]);
    expect(kinds(fuzzCase({ outcome: 'accept' }), accepted)).toEqual(['accepted command appended nothing']);
    // Rule 13: a correction to the values the member already has records nothing, and is no fault.
    const correction = fuzzCase({ outcome: 'any' }, 'POST', 'POST /agreements/{id}/members/{nik}/corrections');
    expect(kinds(correction, accepted)).toEqual([]);
    const query = fuzzCase({ outcome: 'accept' }, 'GET', 'GET /agreements');
    expect(kinds(query, seen(200, {}, [5, 6]))).toEqual(['appended without a command']);
    expect(kinds({ ...fuzzCase({ outcome: 'accept' }), replay: true }, seen(201, {}, [5, 6]))).toEqual([
      'idempotent retry appended',
    ]);
  });

  it('fails a valid request that was refused', () => {
    expect(kinds(fuzzCase({ outcome: 'accept' }), seen(400, refused))).toEqual(['valid request refused']);
  });
});

describe('the hostile-input wire', () => {
  it('writes numbers JSON.stringify cannot and own __proto__ keys', () => {
    const body: Record<string, unknown> = { amount: new RawJson('9007199254740993') };
    Object.defineProperty(body, '__proto__', { value: { x: 1 }, enumerable: true });
    expect(jsonText(body)).toBe('{"amount":9007199254740993,"__proto__":{"x":1}}');
  });

  it('sends a lone surrogate as its WTF-8 bytes and encodes the rest like encodeURIComponent', () => {
    expect(encodeLoosely('a \ud800🙂')).toBe('a%20%ED%A0%80%F0%9F%99%82');
    const wire = renderPlan({
      method: 'GET',
      template: '/members/{nik}',
      pathParams: { nik: '%' },
      rawPathParams: new Set(['nik']),
      query: [{ name: 'q', value: '+5' }],
      headers: {},
    });
    expect(wire.path).toBe('/members/%?q=%2B5');
  });

  it('reads a chunked answer whole, and an answer cut short as incomplete', () => {
    const chunked = Buffer.from(
      'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n',
    );
    expect(parseAnswer(chunked, true)).toMatchObject({ status: 400, text: '{"a":1}' });
    expect(parseAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 10\r\n\r\n{"a"'), true)).toBeNull();
  });

  it('matches concrete paths to the documented methods as Express routes them', () => {
    const route = (method: string, path: string) => ({ method, path }) as DocRoute;
    const routes = [route('GET', '/agreements/{id}'), route('POST', '/agreements'), route('GET', '/agreements')];
    expect([...methodsAt(routes, '/agreements/x')]).toEqual(['GET']);
    expect([...methodsAt(routes, '/AGREEMENTS/')].sort()).toEqual(['GET', 'POST']);
    expect([...methodsAt(routes, '/agreements/x/y')]).toEqual([]);
  });
});
