import { pathText, setAt } from './body-fields';
import {
  bodyHas,
  hostileBase,
  pickField,
  queryHas,
  refuse,
  withQuery,
  type CaseDraft,
  type ClassContext,
  type FuzzClass,
  type Variant,
} from './class-kit';
import { chance, pick, type Gen } from './draw';
import type { JsonValue, RequestPlan } from './fuzz-request';
import { BAD_DATES, BAD_INSTANTS, BAD_MONEY, BAD_NIKS, CONTROL_MIXED, CONTROL_ONLY } from './hostile-values';
import type { DocRoute, FieldKind } from './openapi-routes';

/** Classes that put one hostile value of the right JSON type where a text, money, date, instant or NIK goes. */

/** Puts `variant` into a body field or a query parameter of one of `kinds`, whichever the route has. */
async function place<T extends JsonValue>(
  ctx: ClassContext,
  route: DocRoute,
  g: Gen,
  kinds: readonly FieldKind[],
  variant: Variant<T>,
): Promise<CaseDraft> {
  const plan = await hostileBase(ctx, route, g);
  const params = route.query.filter((q) => kinds.includes(q.kind));
  const inBody = bodyHas(ctx, route, kinds) && (params.length === 0 || chance(g, 0.5));
  if (!inBody) {
    const param = pick(g, params);
    const query = withoutExclusive(route, withQuery(plan, param.name, String(variant.value)), param.name);
    return { variant: variant.label, where: `query ${param.name}`, plan: query, expect: variant.expect };
  }
  const field = pickField(ctx, route, plan, kinds, g, true)!;
  setAt(plan.body as JsonValue, field.path, variant.value);
  return { variant: variant.label, where: pathText(field.path), plan, expect: variant.expect };
}

/** `/state` takes exactly one of `version` and `asOf`: a hostile one must be the only one sent. */
function withoutExclusive(route: DocRoute, plan: RequestPlan, kept: string): RequestPlan {
  const exclusive = ['version', 'asOf'];
  if (!exclusive.includes(kept) || !route.query.some((q) => q.name === 'asOf')) return plan;
  return { ...plan, query: plan.query.filter((q) => !exclusive.includes(q.name) || q.name === kept) };
}

function valueClass(name: string, weight: number, kinds: FieldKind[], list: () => Variant<JsonValue>[]): FuzzClass {
  return {
    name,
    weight,
    appliesTo: (ctx, route) => bodyHas(ctx, route, kinds) || queryHas(route, kinds),
    build: (ctx, route, g) => place(ctx, route!, g, kinds, pick(g, list())),
  };
}

export const controlChars = valueClass('control-chars', 5, ['text', 'pattern'], () => [
  ...CONTROL_ONLY,
  ...CONTROL_MIXED,
]);
export const money = valueClass('money', 6, ['integer'], () => BAD_MONEY);
export const instants = valueClass('instants', 4, ['instant'], () => BAD_INSTANTS);
export const niks = valueClass('niks', 5, ['nik'], () => BAD_NIKS);

/** Money goes only in bodies: integer query parameters (limit, offset...) have their own class. */
money.appliesTo = (ctx, route) => bodyHas(ctx, route, ['integer']);

const dateValues = valueClass('dates', 7, ['date'], () => BAD_DATES);

/** Ranges no calendar loop may walk without bound, and the documented `from` after `to`. */
const RANGES: Variant<[string, string, string]>[] = [
  { label: 'from after to', value: ['2025-12-31', '2025-01-01', 'month'], expect: refuse() },
  { label: 'months of year 9999', value: ['9999-11-01', '9999-12-31', 'month'], expect: refuse([400]) },
  { label: 'days of year 9999', value: ['9999-12-01', '9999-12-31', 'day'], expect: refuse([400]) },
  { label: 'every day 1900-2199', value: ['1900-01-01', '2199-12-31', 'day'], expect: { outcome: 'any' } },
  { label: 'last month of 2199', value: ['2199-12-01', '2199-12-31', 'month'], expect: { outcome: 'any' } },
];

export const dates: FuzzClass = {
  ...dateValues,
  async build(ctx, route, g) {
    const names = new Set(route!.query.map((q) => q.name));
    if (!(names.has('from') && names.has('to')) || chance(g, 0.6)) return dateValues.build(ctx, route, g);
    const { label, value, expect } = pick(g, RANGES);
    let plan = withQuery(withQuery(await hostileBase(ctx, route!, g), 'from', value[0]), 'to', value[1]);
    if (names.has('interval')) plan = withQuery(plan, 'interval', value[2]);
    return { variant: label, where: 'query from, to', plan, expect };
  },
};

/** Bad NIKs also go in the `{nik}` of a path. */
export const niksInPaths: FuzzClass = {
  ...niks,
  appliesTo: (ctx, route) => niks.appliesTo(ctx, route) || route.pathParams.some((p) => p.kind === 'nik'),
  async build(ctx, route, g) {
    const param = route!.pathParams.find((p) => p.kind === 'nik');
    if (param === undefined || (niks.appliesTo(ctx, route!) && chance(g, 0.5))) return niks.build(ctx, route, g);
    const plan = await hostileBase(ctx, route!, g);
    const variant = pick(g, BAD_NIKS);
    return {
      variant: variant.label,
      where: `path {${param.name}}`,
      plan: { ...plan, pathParams: { ...plan.pathParams, [param.name]: variant.value } },
      expect: refuse(),
    };
  },
};
