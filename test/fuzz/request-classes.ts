import { ANY, hostileBase, refuse, variants, withQuery, type FuzzClass, type Variant } from './class-kit';
import { chance, pick } from './draw';
import { BAD_DATES, BAD_INSTANTS } from './hostile-values';
import { renderPlan } from './fuzz-request';
import { methodsAt, type ParamSpec } from './openapi-routes';

/** Classes of bad path parameters and bad query values. */

/** [label, value, sent without percent-encoding]. */
const BAD_SEGMENTS: readonly [string, string, boolean][] = [
  ['empty', '', false],
  ['space', ' ', false],
  ['300 characters', 'a'.repeat(300), false],
  ['upper case', 'SBD-2025-PKS-01', false],
  ['dot', '.', true],
  ['dot dot', '..', true],
  ['encoded dot dot', '%2e%2e', true],
  ['lone percent', '%', true],
  ['bad percent escape', '%zz', true],
  ['truncated UTF-8 escape', '%E0%A4%A', true],
  ['encoded NUL', '%00', true],
  ['encoded slash', 'a/b', false],
  ['accented', 'sbd-é', false],
  ['emoji', '🙂', false],
  ['__proto__', '__proto__', false],
  ['constructor', 'constructor', false],
  ['toString', 'toString', false],
  ['hasOwnProperty', 'hasOwnProperty', false],
  ['SQL', "x'; DROP TABLE events;--", false],
  ['null', 'null', false],
];

export const pathParams: FuzzClass = {
  name: 'path-params',
  weight: 6,
  appliesTo: (_, route) => route.pathParams.length > 0,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const param = pick(g, route!.pathParams);
    const [label, value, raw] = pick(g, BAD_SEGMENTS);
    const rawPathParams = new Set(plan.rawPathParams ?? []);
    if (raw) rawPathParams.add(param.name);
    const bad = { ...plan, pathParams: { ...plan.pathParams, [param.name]: value }, rawPathParams };
    // An empty last segment leaves `/agreements/`: another documented route, which may well answer 200.
    const others = ctx.routes.filter((r) => r.path !== route!.path);
    const elsewhere = methodsAt(others, renderPlan(bad).path).has(bad.method);
    return { variant: label, where: `path {${param.name}}`, plan: bad, expect: elsewhere ? ANY : refuse() };
  },
};

const BAD_INTEGERS: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['hexadecimal', '0x10'],
    ['plus sign', '+5'],
    ['1e19', '1e19'],
    ['exponent', '1e3'],
    ['2^53', '9007199254740992'],
    ['20 digits', '99999999999999999999'],
    ['negative', '-1'],
    ['word', 'abc'],
    ['leading space', ' 5'],
    ['trailing space', '5 '],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['binary', '0b11'],
    ['octal', '0o7'],
    ['Arabic-Indic digits', '١٢'],
    ['fraction', '5.5'],
  ]),
  ...variants(ANY, [
    ['leading zero', '05'],
    ['empty', ''],
    ['decimal point zero', '5.0'],
  ]),
];

const BAD_ENUMS: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['upper case', 'MONTH'],
    ['unknown value', 'week'],
    ['trailing space', 'day '],
    ['two values', 'day,month'],
    ['NUL', '\u0000'],
  ]),
  ...variants(ANY, [['empty', '']]),
];

const BAD_REGION_CODES: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['one digit', '7'],
    ['three digits', '720'],
    ['one-digit regency', '72.1'],
    ['district level', '72.01.01'],
    ['letters', 'ab'],
    ['wildcard', '72%'],
    ['leading space', ' 72'],
    ['NUL', '72\u0000'],
  ]),
  ...variants(ANY, [['empty', '']]),
];

/** Values no identifier of the API (`^[a-z0-9][a-z0-9-]{2,63}$` and the like) takes. */
const BAD_IDS: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['upper case', 'SBD-2025-PKS-01'],
    ['one character', 'a'],
    ['300 characters', 'a'.repeat(300)],
    ['NUL', 'sbd\u0000'],
    ['wildcard', 'sbd%'],
    ['space inside', 'sbd 2025'],
  ]),
  ...variants(ANY, [['empty', '']]),
];

function badValues(param: ParamSpec): Variant<string>[] {
  switch (param.kind) {
    case 'integer':
      return param.schema.maximum === undefined
        ? BAD_INTEGERS
        : [
            ...BAD_INTEGERS,
            { label: 'above the maximum', value: String(param.schema.maximum + 1), expect: refuse([400]) },
          ];
    case 'enum':
      return BAD_ENUMS;
    case 'date':
      return BAD_DATES;
    case 'instant':
      return BAD_INSTANTS;
    case 'nik':
    case 'pattern':
    case 'text':
    case 'object':
    case 'array':
      return param.name === 'regionCode' ? BAD_REGION_CODES : BAD_IDS;
  }
}

export const queryValues: FuzzClass = {
  name: 'query-values',
  weight: 8,
  appliesTo: (_, route) => route.query.length > 0,
  async build(ctx, route, g) {
    let plan = await hostileBase(ctx, route!, g);
    const param = pick(g, route!.query);
    if (chance(g, 0.1)) {
      plan = { ...plan, query: [...plan.query, { name: param.name, value: '1' }, { name: param.name, value: '2' }] };
      return { variant: 'repeated parameter', where: `query ${param.name}`, plan, expect: refuse([400]) };
    }
    if (chance(g, 0.08)) {
      const name = pick(g, ['zz', `${param.name}[]`, `${param.name}[$gt]`, param.name.toUpperCase()]);
      return {
        variant: 'unknown parameter',
        where: `query ${name}`,
        plan: withQuery(plan, name, '1'),
        expect: refuse([400]),
      };
    }
    if (param.name === 'minPosition' && chance(g, 0.2)) {
      // Far ahead of the log: the documented answer is 503 NOT_CAUGHT_UP after the bounded wait.
      return {
        variant: 'ahead of the log',
        where: 'query minPosition',
        plan: withQuery(plan, 'minPosition', '1000000000'),
        expect: refuse([503]),
      };
    }
    const variant = pick(g, badValues(param));
    if (route!.query.some((q) => q.name === 'asOf') && ['asOf', 'version'].includes(param.name)) {
      plan = { ...plan, query: plan.query.filter((q) => q.name !== 'asOf' && q.name !== 'version') };
    }
    return {
      variant: variant.label,
      where: `query ${param.name}`,
      plan: withQuery(plan, param.name, variant.value),
      expect: variant.expect,
    };
  },
};
