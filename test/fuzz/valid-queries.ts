import { chance, dateIn, int, pick, type Gen } from './draw';
import { addDays } from './fuzz-dates';
import type { QueryParam, RequestPlan } from './fuzz-request';
import type { FuzzWorld } from './fuzz-world';
import { FUZZ_METRICS_TOKEN } from './metrics-token';
import type { ValidBuilder } from './valid-commands';

function get(template: string, pathParams: Record<string, string>, query: (QueryParam | null)[]): RequestPlan {
  return { method: 'GET', template, pathParams, query: query.filter((q) => q !== null), headers: {} };
}

function maybe(g: Gen, name: string, value: () => string | number, probability = 0.5): QueryParam | null {
  return chance(g, probability) ? { name, value: String(value()) } : null;
}

/** Read-model queries wait for the position the set-up reached, so that a just-signed agreement is there. */
async function caughtUp(world: FuzzWorld): Promise<QueryParam> {
  return { name: 'minPosition', value: String(await world.caughtUpHead()) };
}

/** An ordered `from`/`to` pair inside 2025, each present or not. */
function range(g: Gen): (QueryParam | null)[] {
  const from = dateIn(g, '2025-01-01', '2025-12-31');
  const to = dateIn(g, from, addDays(from, int(g, 0, 200)));
  return [maybe(g, 'from', () => from, 0.7), maybe(g, 'to', () => to, 0.7)];
}

/**
 * An instant after the world's agreements were recorded, in one of the zoned forms API.md allows. At least 2 s
 * ahead: some forms drop the milliseconds, and the agreement may have been signed in this very second.
 */
function instant(g: Gen): string {
  const now = new Date(Date.now() + int(g, 2_000, 3_600_000));
  const iso = now.toISOString();
  return pick(g, [iso, iso.replace(/\.\d{3}Z$/, 'Z'), `${iso.slice(0, 19)}+00:00`, wit(now)]);
}

/** The same instant at UTC+9 (WIT). */
function wit(instantValue: Date): string {
  return `${new Date(instantValue.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
}

function coverageQuery(g: Gen): (QueryParam | null)[] {
  return [
    ...range(g),
    maybe(g, 'interval', () => pick(g, ['day', 'month'])),
    maybe(g, 'asKnownAt', () => instant(g), 0.3),
  ];
}

export const VALID_QUERIES: Readonly<Record<string, ValidBuilder>> = {
  'GET /agreements': async (world, g) =>
    get('/agreements', {}, [
      maybe(g, 'regionCode', () => pick(g, world.regions).slice(0, pick(g, [2, 5]))),
      maybe(g, 'status', () => pick(g, ['active', 'expired', 'terminated'])),
      await caughtUp(world),
    ]),
  'GET /agreements/{id}': async (world, g) =>
    get('/agreements/{id}', { id: pick(g, await world.slotIds()) }, [maybe(g, 'minPosition', () => 0, 0.2)]),
  'GET /agreements/{id}/events': async (world, g) => {
    const a = await world.agreement(pick(g, ['main', 'deaths', 'extension'] as const));
    return get('/agreements/{id}/events', { id: a.id }, [
      maybe(g, 'fromVersion', () => int(g, 1, a.version)),
      maybe(g, 'limit', () => int(g, 1, 1000)),
    ]);
  },
  'GET /agreements/{id}/state': async (world, g) => {
    const a = await world.agreement(pick(g, ['main', 'deaths', 'withdrawals'] as const));
    const at = chance(g, 0.5)
      ? { name: 'version', value: String(int(g, 1, a.version)) }
      : { name: 'asOf', value: instant(g) };
    return get('/agreements/{id}/state', { id: a.id }, [at]);
  },
  'GET /agreements/{id}/coverage': async (world, g) => {
    const a = await world.agreement(pick(g, ['main', 'deaths', 'withdrawals'] as const));
    return get('/agreements/{id}/coverage', { id: a.id }, [...coverageQuery(g), await caughtUp(world)]);
  },
  'GET /coverage': async (world, g) =>
    get('/coverage', {}, [maybe(g, 'regionCode', () => pick(g, world.regions)), ...coverageQuery(g)]),
  'GET /benefits': async (world, g) => {
    const a = await world.agreement('deaths');
    return get('/benefits', {}, [
      maybe(g, 'agreementId', () => a.id, 0.3),
      maybe(g, 'regionCode', () => pick(g, world.regions), 0.3),
      ...range(g),
      maybe(g, 'limit', () => int(g, 1, 1000)),
      maybe(g, 'offset', () => int(g, 0, 50)),
    ]);
  },
  'GET /agreements/{id}/premiums': async (world, g) =>
    get('/agreements/{id}/premiums', { id: (await world.agreement(pick(g, ['main', 'deaths'] as const))).id }, [
      maybe(g, 'asKnownAt', () => instant(g), 0.3),
      await caughtUp(world),
    ]),
  'GET /agreements/{id}/premium-payments': async (world, g) =>
    get('/agreements/{id}/premium-payments', { id: (await world.agreement('main')).id }, [
      maybe(g, 'asKnownAt', () => instant(g), 0.3),
      maybe(g, 'format', () => 'json', 0.2),
    ]),
  'GET /agreements/{id}/members': async (world, g) =>
    get('/agreements/{id}/members', { id: (await world.agreement(pick(g, ['main', 'deaths'] as const))).id }, [
      maybe(g, 'limit', () => int(g, 1, 1000)),
      maybe(g, 'offset', () => int(g, 0, 50)),
    ]),
  'GET /reconciliation/premiums': async (world, g) =>
    get('/reconciliation/premiums', {}, [
      maybe(g, 'regionCode', () => pick(g, world.regions)),
      { name: 'year', value: String(pick(g, [2024, 2025, 2026])) },
      maybe(g, 'asKnownAt', () => instant(g), 0.3),
      await caughtUp(world),
    ]),
  'GET /reconciliation/double-funding': async (world, g) =>
    get('/reconciliation/double-funding', {}, [
      maybe(g, 'regionCode', () => pick(g, world.regions)),
      maybe(g, 'limit', () => int(g, 1, 1000)),
      maybe(g, 'offset', () => int(g, 0, 50)),
    ]),
  'GET /members/{nik}': async (world, g) => {
    const nik = await world.someEnrolledNik((list) => pick(g, list));
    return get('/members/{nik}', { nik }, [await caughtUp(world)]);
  },
  'GET /read-models/status': async () => get('/read-models/status', {}, []),
  'GET /ledger/tree-head': async () => get('/ledger/tree-head', {}, []),
  'GET /ledger/proofs/inclusion': async (world, g) => {
    const size = await world.caughtUpHead();
    return get('/ledger/proofs/inclusion', {}, [
      { name: 'position', value: String(int(g, 1, size)) },
      { name: 'treeSize', value: String(size) },
    ]);
  },
  'GET /ledger/proofs/consistency': async (world, g) => {
    const size = await world.caughtUpHead();
    return get('/ledger/proofs/consistency', {}, [
      { name: 'from', value: String(int(g, 1, size)) },
      { name: 'to', value: String(size) },
    ]);
  },
  'GET /health': async () => get('/health', {}, []),
  'GET /health/live': async () => get('/health/live', {}, []),
  'GET /health/ready': async () => get('/health/ready', {}, []),
  'GET /auth/config': async () => get('/auth/config', {}, []),
  'GET /metrics': async () => ({
    ...get('/metrics', {}, []),
    headers: { authorization: `Bearer ${FUZZ_METRICS_TOKEN}` },
  }),
};
