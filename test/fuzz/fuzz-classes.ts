import { authorization } from './auth-classes';
import { extraFields, malformedJson, missingFields, prototypeKeys, wrongTypes } from './body-classes';
import type { ClassContext, FuzzClass } from './class-kit';
import { uniform, type Gen } from './draw';
import { headers, rawHttp } from './header-classes';
import type { DocRoute } from './openapi-routes';
import { pathParams, queryValues } from './request-classes';
import { unknownRoutes, valid, wrongMethods } from './route-classes';
import { deepNesting, hugeBodies } from './size-classes';
import { VALID_COMMANDS, type ValidBuilder } from './valid-commands';
import { VALID_QUERIES } from './valid-queries';
import { controlChars, dates, instants, money, niksInPaths } from './value-classes';

/** Every class of request the suite sends, valid ones included. */
export const FUZZ_CLASSES: readonly FuzzClass[] = [
  valid,
  wrongTypes,
  missingFields,
  extraFields,
  malformedJson,
  hugeBodies,
  deepNesting,
  prototypeKeys,
  controlChars,
  money,
  dates,
  instants,
  niksInPaths,
  pathParams,
  queryValues,
  headers,
  authorization,
  rawHttp,
  unknownRoutes,
  wrongMethods,
];

/** The valid request of each documented route, by route key (`POST /agreements`). */
export const VALID_BUILDERS: Readonly<Record<string, ValidBuilder>> = { ...VALID_COMMANDS, ...VALID_QUERIES };

/** A class aimed at one route (or at none, for route-independent classes). */
export interface Target {
  readonly cls: FuzzClass;
  readonly route: DocRoute | null;
}

/** Routes of the document without a valid generator, and generators of routes the document no longer has. */
export function generatorGaps(routes: readonly DocRoute[]): { missing: string[]; stale: string[] } {
  const keys = new Set(routes.map((r) => r.key));
  return {
    missing: [...keys].filter((key) => VALID_BUILDERS[key] === undefined),
    stale: Object.keys(VALID_BUILDERS).filter((key) => !keys.has(key)),
  };
}

/**
 * Every (class, route) pair the classes apply to: the first cases of a run take them all once, in order, so
 * that no route and no class is left out however few cases run; later cases draw a class by weight, then one
 * of its routes.
 */
export class TargetPlan {
  readonly targets: readonly Target[];
  private readonly byClass: ReadonlyMap<FuzzClass, Target[]>;
  private readonly totalWeight: number;

  constructor(ctx: ClassContext) {
    const byClass = new Map<FuzzClass, Target[]>();
    for (const cls of FUZZ_CLASSES) {
      const targets = cls.routeIndependent
        ? [{ cls, route: null }]
        : ctx.routes.filter((route) => cls.appliesTo(ctx, route)).map((route) => ({ cls, route }));
      if (targets.length > 0) byClass.set(cls, targets);
    }
    this.byClass = byClass;
    this.targets = [...byClass.values()].flat();
    this.totalWeight = [...byClass.keys()].reduce((sum, cls) => sum + cls.weight, 0);
  }

  target(index: number, g: Gen): Target {
    if (index < this.targets.length) return this.targets[index];
    let draw = uniform(g, 0, this.totalWeight - 1);
    for (const [cls, targets] of this.byClass) {
      if (draw < cls.weight) return targets[uniform(g, 0, targets.length - 1)];
      draw -= cls.weight;
    }
    throw new Error('unreachable: the draw is below the total weight');
  }
}
