/**
 * The Sulawesi Tengah agreement (DOMAIN.md): 100,402 workers enrolled over HTTP in batches of 5,000, timed until
 * the read models have caught up, then the latency of one more command on that agreement. Prints its figures
 * as JSON lines; asserts nothing about speed. The scenario itself is bench/scenarios/large-cohort.scenario.ts
 * (also run by `npm run bench`, with the targets and limits of the table).
 *   npm run bench:large-cohort
 */
import './scenarios/large-cohort.scenario';
