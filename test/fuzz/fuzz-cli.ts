/**
 * The long hostile-input run: `npm run test:fuzz -- --runs 20000 --seed 7`. Prints the requests and failures of
 * each class, then every distinct failing behaviour with its smallest reproduction; exits 1 on any failure.
 */
import { formatTally } from './fuzz-report';
import { runFuzz } from './fuzz-run';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

async function main(): Promise<number> {
  const runs = option('runs', 20_000);
  const seed = option('seed', 1);
  const result = await runFuzz({
    seed,
    runs,
    progressEvery: 1_000,
    onProgress: (done, tally) => process.stderr.write(`${done}/${runs} cases, ${tally.failures} failing\n`),
  });
  const { missing, stale } = result.gaps;
  if (missing.length > 0) {
    process.stdout.write(`routes of /docs-json without a valid generator: ${missing.join(', ')}\n`);
    return 1;
  }
  if (stale.length > 0) process.stdout.write(`generators of routes /docs-json no longer has: ${stale.join(', ')}\n`);
  const header = `hostile-input run: seed ${seed}, ${runs} cases over ${result.routes.length} routes, ${(result.ms / 1000).toFixed(1)} s`;
  process.stdout.write(`${formatTally(result.tally, header)}\n\n`);
  process.stdout.write(`/health after the run: ${result.healthyAtEnd ? '200' : 'no answer'}\n`);
  return result.tally.failures > 0 || !result.healthyAtEnd || stale.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
