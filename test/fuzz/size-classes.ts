import { memberRow } from '../e2e/support/bodies';
import { getAt, objectPaths, pathText, setAt } from './body-fields';
import { hostileBase, pickField, refuse, type FuzzClass } from './class-kit';
import { pick, type Gen } from './draw';
import { RawJson, type JsonValue, type RequestPlan } from './fuzz-request';

/** Bodies too big or too deep: refused quickly, before parsing work grows with them. */

/** A nesting of `depth` levels, written as text (a JS value that deep would overflow the serialiser). */
function nested(depth: number, g: Gen): RawJson {
  const [open, close] = pick(g, [
    ['[', ']'],
    ['{"a":', '}'],
    ['[{"a":', '}]'],
  ]);
  return new RawJson(`${open.repeat(depth)}1${close.repeat(depth)}`);
}

const DEPTHS: readonly [string, number][] = [
  ['17 levels', 17],
  ['64 levels', 64],
  ['1,000 levels', 1_000],
  ['2,000 levels', 2_000],
  ['5,000 levels', 5_000],
  ['20,000 levels', 20_000],
  ['100,000 levels', 100_000],
  ['400,000 levels (~2 MB)', 400_000],
];

export const deepNesting: FuzzClass = {
  name: 'deep-nesting',
  weight: 3,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const [label, depth] = pick(g, DEPTHS);
    const body = plan.body as JsonValue;
    // In place of a field (its value must be refused) or under a key of its own (unknown keys are refused).
    const field = pickField(ctx, route!, plan, ['object', 'array', 'text', 'integer'], g);
    const at =
      field !== null && pick(g, [true, false])
        ? field.path
        : [...pick(g, objectPaths(ctx.doc, route!.body!, body)), 'deep'];
    setAt(body, at, nested(depth, g));
    return { variant: label, where: pathText(at), plan, expect: refuse([400, 413]) };
  },
};

const MB = 1024 * 1024;

/** Variants of a huge body, each building the body from the valid one. */
const HUGE: readonly [string, (plan: RequestPlan, g: Gen, route: { members: boolean }) => JsonValue | null][] = [
  [
    '5,001 members',
    (plan, _, { members }) => (members ? { ...(plan.body as object), members: manyMembers(5_001) } : null),
  ],
  ['9 MB text field', (plan) => ({ ...(plan.body as object), padding: 'x'.repeat(9 * MB) })],
  ['1 MB name', (plan) => withLongText(plan.body as JsonValue, MB)],
  ['101 keys', (plan) => ({ ...(plan.body as object), ...manyKeys(101) })],
  ['100,000 keys', (plan) => ({ ...(plan.body as object), ...manyKeys(100_000) })],
  ['array of 5,001 strings', (plan) => ({ ...(plan.body as object), list: Array.from({ length: 5_001 }, () => 'x') })],
  [
    'array of 500,000 numbers',
    (plan) => ({ ...(plan.body as object), list: new RawJson(`[${'1,'.repeat(499_999)}1]`) }),
  ],
];

function manyMembers(count: number): JsonValue[] {
  return Array.from({ length: count }, (_, i) => memberRow(`53180141079${String(i + 1).padStart(5, '0')}`));
}

function manyKeys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
}

/** The body with its first text-like top-level string replaced by `length` characters. */
function withLongText(body: JsonValue, length: number): JsonValue {
  const key = Object.keys(body as object).find((k) => typeof getAt(body, [k]) === 'string') ?? 'padding';
  setAt(body, [key], 'A'.repeat(length));
  return body;
}

export const hugeBodies: FuzzClass = {
  name: 'huge-bodies',
  weight: 2,
  appliesTo: (_, route) => route.body !== undefined,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const members = route!.body!.properties?.members !== undefined;
    const usable = HUGE.filter(([label]) => members || label !== '5,001 members');
    const [label, make] = pick(g, usable);
    return {
      variant: label,
      where: '(body)',
      plan: { ...plan, body: make(plan, g, { members }) ?? undefined },
      expect: refuse([400, 413]),
    };
  },
};
