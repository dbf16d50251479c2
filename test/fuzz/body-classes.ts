import { deleteAt, fieldsOf, getAt, objectPaths, pathText, setAt } from './body-fields';
import { ANY, hostileBase, pickField, refuse, withQuery, type FuzzClass } from './class-kit';
import { chance, int, pick, type Gen } from './draw';
import { jsonText, TextBody, type JsonValue } from './fuzz-request';
import type { FieldKind } from './openapi-routes';

/** Classes that break the shape of a JSON body: types, presence of fields, keys, syntax. */

const ALL_KINDS: FieldKind[] = ['integer', 'date', 'instant', 'enum', 'nik', 'pattern', 'text', 'object', 'array'];
const STRING_KINDS: FieldKind[] = ['date', 'instant', 'enum', 'nik', 'pattern', 'text'];

/** Values of another JSON type than the field's. */
function otherTypes(kind: FieldKind): [string, JsonValue][] {
  if (STRING_KINDS.includes(kind))
    return [
      ['number', 1],
      ['zero', 0],
      ['boolean', true],
      ['array', ['x']],
      ['object', {}],
    ];
  if (kind === 'integer')
    return [
      ['numeric string', '1000'],
      ['boolean', true],
      ['array', [1]],
      ['object', {}],
      ['empty string', ''],
    ];
  if (kind === 'object')
    return [
      ['string', 'x'],
      ['array', []],
      ['number', 1],
      ['boolean', false],
    ];
  return [
    ['string', 'JKK'],
    ['object', {}],
    ['number', 1],
    ['boolean', true],
  ];
}

const WHOLE_BODIES: [string, string][] = [
  ['array body', '[]'],
  ['array of the body', '[{}]'],
  ['string body', '"x"'],
  ['number body', '1'],
  ['null body', 'null'],
  ['boolean body', 'true'],
];

export const wrongTypes: FuzzClass = {
  name: 'wrong-types',
  weight: 8,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    if (chance(g, 0.15)) {
      const [label, text] = pick(g, WHOLE_BODIES);
      return { variant: label, where: '(body)', plan: { ...plan, body: new TextBody(text) }, expect: refuse([400]) };
    }
    const field = pickField(ctx, route!, plan, ALL_KINDS, g)!;
    const [label, value] = chance(g, 0.15) ? (['null', null] as [string, JsonValue]) : pick(g, otherTypes(field.kind));
    setAt(plan.body as JsonValue, field.path, value);
    // class-validator reads null as "absent" for an optional field: then the body is still valid.
    const expect = value === null && !field.required ? ANY : refuse([400]);
    return { variant: `${field.kind} as ${label}`, where: pathText(field.path), plan, expect };
  },
};

export const missingFields: FuzzClass = {
  name: 'missing-fields',
  weight: 5,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const required = route!.body!.required ?? [];
    if (chance(g, 0.1))
      return {
        variant: 'empty object',
        where: '(body)',
        plan: { ...plan, body: {} },
        expect: required.length ? refuse([400]) : ANY,
      };
    if (chance(g, 0.1))
      return { variant: 'no body', where: '(body)', plan: { ...plan, body: undefined }, expect: refuse([400]) };
    const fields = fieldsOf(ctx.doc, route!.body!, plan.body as JsonValue).filter(
      (f) => typeof f.path.at(-1) === 'string',
    );
    const field = pick(g, fields);
    deleteAt(plan.body as JsonValue, field.path);
    return {
      variant: field.required ? 'required field' : 'optional field',
      where: pathText(field.path),
      plan,
      expect: field.required ? refuse([400]) : ANY,
    };
  },
};

/** A key name no schema of the API uses. */
function unknownKey(g: Gen): string {
  return (
    pick(g, [
      'extra',
      'isAdmin',
      'status',
      'version',
      'Amount',
      'agreementID',
      'nik ',
      ' name',
      '',
      '$where',
      'a.b',
      '0',
    ]) + (chance(g, 0.3) ? String(int(g, 0, 99)) : '')
  );
}

function randomJson(g: Gen): JsonValue {
  return pick<JsonValue>(g, [1, 'x', true, null, [], {}, { nested: 1 }, -1.5]);
}

export const extraFields: FuzzClass = {
  name: 'extra-fields',
  weight: 5,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const body = plan.body as JsonValue;
    const at = pick(g, objectPaths(ctx.doc, route!.body!, body));
    const known = new Set(Object.keys(getAt(body, at) as object));
    let key = unknownKey(g);
    while (known.has(key)) key = `${key}x`;
    setAt(body, [...at, key], randomJson(g));
    return {
      variant: at.length === 0 ? 'top-level key' : 'nested key',
      where: pathText([...at, key]),
      plan,
      expect: refuse([400]),
    };
  },
};

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

export const prototypeKeys: FuzzClass = {
  name: 'prototype-keys',
  weight: 6,
  appliesTo: (_, route) => route.body !== undefined || route.query.length > 0,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const key = pick(g, PROTOTYPE_KEYS);
    if (route!.body === undefined || (route!.query.length > 0 && chance(g, 0.2))) {
      const value = pick(g, ['x', '1', '', 'polluted']);
      return {
        variant: `query ${key}`,
        where: `query ${key}`,
        plan: withQuery(plan, key, value),
        expect: refuse([400]),
      };
    }
    const body = plan.body as JsonValue;
    const at = pick(g, objectPaths(ctx.doc, route!.body!, body));
    setAt(body, [...at, key], pick<JsonValue>(g, [{}, 1, 'x', null, { polluted: true }, [], { toString: 1 }]));
    return {
      variant: `${at.length === 0 ? 'top-level' : 'nested'} ${key}`,
      where: pathText([...at, key]),
      plan,
      expect: refuse([400]),
    };
  },
};

const BROKEN_JSON: [string, (valid: string) => string][] = [
  ['truncated', (valid) => valid.slice(0, Math.max(1, Math.floor(valid.length / 2)))],
  ['trailing comma', (valid) => `${valid.slice(0, -1)},}`],
  ['trailing garbage', (valid) => `${valid} garbage`],
  ['two documents', (valid) => `${valid}${valid}`],
  ['single quotes', (valid) => valid.replace(/"/g, "'")],
  ['NaN value', (valid) => `${valid.slice(0, -1)},"x":NaN}`],
  ['comment', (valid) => `/* c */${valid}`],
  ['bad escape', (valid) => `${valid.slice(0, -1)},"x":"\\q"}`],
  ['raw control character', (valid) => `${valid.slice(0, -1)},"x":"a\u0001b"}`],
  ['leading zero number', (valid) => `${valid.slice(0, -1)},"x":01}`],
  ['lone minus', (valid) => `${valid.slice(0, -1)},"x":-}`],
  ['empty body', () => ''],
  ['whitespace only', () => ' \n\t '],
  ['unquoted key', (valid) => valid.replace(/"(\w+)":/, '$1:')],
  ['NUL byte', (valid) => `${valid}\u0000`],
];

export const malformedJson: FuzzClass = {
  name: 'malformed-json',
  weight: 4,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const [label, breakIt] = pick(g, BROKEN_JSON);
    const text = breakIt(jsonText(plan.body as JsonValue));
    return { variant: label, where: '(body)', plan: { ...plan, body: new TextBody(text) }, expect: refuse([400]) };
  },
};
