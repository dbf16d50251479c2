import { fieldsOf, schemaKinds, type BodyField } from './body-fields';
import { pick, type Gen } from './draw';
import { planCopy, type JsonValue, type RequestPlan, type WireRequest } from './fuzz-request';
import type { FuzzWorld } from './fuzz-world';
import type { Expectation } from './oracle';
import type { DocRoute, FieldKind, OpenApiDocument } from './openapi-routes';

/** What a class needs to build a case: the document, its routes, both worlds, the valid builders. */
export interface ClassContext {
  readonly doc: OpenApiDocument;
  readonly routes: readonly DocRoute[];
  readonly valid: FuzzWorld;
  readonly hostile: FuzzWorld;
  /** A valid request of `route` in `world` (every documented route has one, or the run does not start). */
  validPlan(route: DocRoute, world: FuzzWorld, g: Gen): Promise<RequestPlan>;
}

/** A case before the runner numbers it: the request (as a plan or as wire bytes) and what it must get. */
export interface CaseDraft {
  readonly variant: string;
  readonly where: string;
  readonly plan?: RequestPlan;
  readonly wire?: WireRequest;
  readonly expect: Expectation;
  /** Sent first, as the original of an idempotent retry: the case is then its replay. */
  readonly prelude?: RequestPlan;
}

/** A class of requests (wrong types, bad dates...): the routes it applies to and how it builds one case. */
export interface FuzzClass {
  readonly name: string;
  /** Share of the run's cases, relative to the other classes. */
  readonly weight: number;
  /** `null`: the class aims at no documented route (unknown routes, wrong methods). */
  appliesTo(ctx: ClassContext, route: DocRoute): boolean;
  readonly routeIndependent?: boolean;
  build(ctx: ClassContext, route: DocRoute | null, g: Gen): Promise<CaseDraft>;
}

export const refuse = (statuses?: readonly number[], codes?: readonly string[]): Expectation => ({
  outcome: 'refuse',
  statuses,
  codes,
});
export const ANY: Expectation = { outcome: 'any' };

/** A valid request of the hostile world: the starting point of every mutation, so only the mutation is wrong. */
export async function hostileBase(ctx: ClassContext, route: DocRoute, g: Gen): Promise<RequestPlan> {
  return planCopy(await ctx.validPlan(route, ctx.hostile, g));
}

export function bodyHas(ctx: ClassContext, route: DocRoute, kinds: readonly FieldKind[]): boolean {
  if (route.body === undefined) return false;
  const present = schemaKinds(ctx.doc, route.body);
  return kinds.some((kind) => present.has(kind));
}

export function queryHas(route: DocRoute, kinds: readonly FieldKind[]): boolean {
  return route.query.some((q) => kinds.includes(q.kind));
}

/** A field of the plan's body of one of `kinds` (`absent`: or an optional one left out), or null if none. */
export function pickField(
  ctx: ClassContext,
  route: DocRoute,
  plan: RequestPlan,
  kinds: readonly FieldKind[],
  g: Gen,
  absent = false,
) {
  if (route.body === undefined) return null;
  const fields = fieldsOf(ctx.doc, route.body, plan.body as JsonValue, absent).filter((f: BodyField) =>
    kinds.includes(f.kind),
  );
  return fields.length === 0 ? null : pick(g, fields);
}

/** Sets query parameter `name` to `value` (replacing any value it had), others unchanged. */
export function withQuery(plan: RequestPlan, name: string, value: string, raw = false): RequestPlan {
  return { ...plan, query: [...plan.query.filter((q) => q.name !== name), { name, value, raw }] };
}

/** A variant: its label, the value, and what a request carrying it must get. */
export interface Variant<T> {
  readonly label: string;
  readonly value: T;
  readonly expect: Expectation;
}

export function variants<T>(expect: Expectation, list: readonly (readonly [string, T])[]): Variant<T>[] {
  return list.map(([label, value]) => ({ label, value, expect }));
}
