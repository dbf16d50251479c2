import fc from 'fast-check';
import { canonicalForm, canonicalJson } from './canonical-json';

/** The definition, written plainly: keys sorted at every level, JSON.stringify for the rest. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .filter((key) => object[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('sorts object keys recursively and keeps array order, without whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same string whatever the insertion order of keys', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('escapes strings like JSON.stringify', () => {
    expect(canonicalJson({ 'k"\n': 'é\u0000\ud800' })).toBe(JSON.stringify({ 'k"\n': 'é\u0000\ud800' }));
  });

  it('omits undefined object members and applies toJSON, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, at: new Date('2025-01-02T03:04:05.000Z') })).toBe(
      '{"at":"2025-01-02T03:04:05.000Z"}',
    );
  });

  it.each([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['undefined in an array', [1, undefined]],
    ['a hole in a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['top-level undefined', undefined],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: 1n }],
  ])('rejects %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(Error);
  });

  it('is the plain definition for any JSON value, including names an object could inherit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
    const inherited = JSON.parse('{"b":{"__proto__":1,"constructor":[2]},"a":{"toString":"x"}}') as unknown;
    expect(canonicalJson(inherited)).toBe('{"a":{"toString":"x"},"b":{"__proto__":1,"constructor":[2]}}');
  });

  it('writes members of a class instance and dates inside the value as JSON.stringify would, keys sorted', () => {
    class Point {
      constructor(
        readonly y: number,
        readonly x: number,
      ) {}
    }
    const value = { rows: [{ b: 1, a: new Point(2, 1) }], at: { when: new Date('2025-01-02T00:00:00.000Z') } };
    expect(canonicalJson(value)).toBe('{"at":{"when":"2025-01-02T00:00:00.000Z"},"rows":[{"a":{"x":1,"y":2},"b":1}]}');
  });

  it('names where a value cannot be represented', () => {
    expect(() => canonicalJson({ members: [{ nik: 'x' }, { nik: 'y', income: NaN }] })).toThrow(
      'canonicalJson: non-finite number at $.members[1].income',
    );
    expect(() => canonicalJson({ a: [1, undefined] })).toThrow('canonicalJson: cannot represent undefined at $.a[1]');
  });

  it('round-trips: the canonical form of the parsed output is the output', () => {
    const text = canonicalJson({ z: [1.5, -0, 1e21, 'a'], a: { nested: { deep: [] } } });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});

describe('canonicalForm: whether a value already is what its text parses back to', () => {
  it('when it says so, the text parses back to an equal value; and it says so for most JSON', () => {
    let asIs = 0;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const { text, parsesBackAsIs } = canonicalForm(value);
        expect(text).toBe(canonicalJson(value));
        if (parsesBackAsIs) {
          asIs++;
          expect(JSON.parse(text)).toStrictEqual(value);
        }
      }),
      { numRuns: 500 },
    );
    // It may say not where it cannot vouch cheaply (a name Object.prototype also has, a -0): rarely, in JSON.
    expect(asIs).toBeGreaterThan(400);
  });

  it('says so for an enrolment as the domain builds it', () => {
    const member = { nik: '7201014107900001', name: 'Siti', occupation: 'nelayan', villageCode: '72.01.01.2001' };
    const data = {
      cohortId: 'nelayan-2025',
      effectiveFrom: '2025-01-01',
      members: [{ ...member, declaredIncome: 1e6 }],
    };
    expect(canonicalForm(data).parsesBackAsIs).toBe(true);
  });

  it.each([
    ['a member holding undefined (dropped)', { a: 1, b: undefined }],
    ['a -0 (written 0)', { amount: -0 }],
    ['a Date inside (written as text)', { at: new Date('2025-01-02T00:00:00.000Z') }],
    ['a Date at the top', new Date('2025-01-02T00:00:00.000Z')],
    [
      'a class instance',
      {
        point: new (class Point {
          x = 1;
        })(),
      },
    ],
    ['an object without a prototype', { inner: Object.assign(Object.create(null) as object, { x: 1 }) }],
  ])('says not for %s, whose text parses back to another value', (_name, value) => {
    const { text, parsesBackAsIs } = canonicalForm(value);
    expect(parsesBackAsIs).toBe(false);
    expect(JSON.parse(text)).not.toStrictEqual(value);
  });
});
