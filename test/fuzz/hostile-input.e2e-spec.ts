import { groupLines } from './fuzz-report';
import { runFuzz, type FuzzResult } from './fuzz-run';

/**
 * Hostile input over every route of the OpenAPI document the service serves (issue 8): a fixed seed and a
 * bounded number of cases, against the real app on SQLite in a child process (so that a request which blocks
 * the service cannot stop the clock of the test). The long run is `npm run test:fuzz -- --runs N --seed S`.
 */
const SEED = 20_250_801;
const RUNS = 1_500;

describe(`hostile input over every route of /docs-json (seed ${SEED}, ${RUNS} requests)`, () => {
  let result: FuzzResult;

  beforeAll(async () => {
    result = await runFuzz({ seed: SEED, runs: RUNS });
  }, 300_000);

  it('has a valid request for every route the document lists, and none for a route it no longer lists', () => {
    expect(result.gaps).toEqual({ missing: [], stale: [] });
  });

  it('sends every route valid requests and hostile ones', () => {
    const uncovered = result.routes
      .map((route) => ({ route: route.key, classes: result.tally.perRoute.get(route.key) ?? new Set<string>() }))
      .filter(({ classes }) => !classes.has('valid') || classes.size < 2)
      .map(({ route }) => route);
    expect(uncovered).toEqual([]);
  });

  it('answers every request within 2 s, refuses hostile ones with a documented error and appends nothing for them', () => {
    const failures = [...result.tally.groups.values()]
      .sort((a, b) => b.count - a.count)
      .map((group) => groupLines(group).join('\n'));
    expect(failures).toEqual([]);
  });

  it('still answers /health after the run', () => {
    expect(result.healthyAtEnd).toBe(true);
  });
});
