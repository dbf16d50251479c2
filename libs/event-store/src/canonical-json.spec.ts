import { canonicalJson } from './canonical-json';

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

  it('round-trips: the canonical form of the parsed output is the output', () => {
    const text = canonicalJson({ z: [1.5, -0, 1e21, 'a'], a: { nested: { deep: [] } } });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
