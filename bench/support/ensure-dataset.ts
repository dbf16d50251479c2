/**
 * Makes sure the dataset of a size is in bench/.cache (generating it if needed, which counts in the run's time
 * but not in any scenario's figures or peak RSS) and prints what it holds.
 *   node -r @swc-node/register bench/support/ensure-dataset.ts --size small|medium|large
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { datasetFile, DATASET_VERSION } from '../generator/dataset-file';
import { SIZES } from '../generator/national-dataset';
import { arg, emit, progress, round, runScenario } from './scenario-io';

async function main(): Promise<void> {
  const size = arg('size', 'small');
  const started = performance.now();
  progress(`dataset: ${size} (seed 20251028, generator v${DATASET_VERSION}): generating it unless cached`);
  const path = await datasetFile(size);
  const seconds = (performance.now() - started) / 1000;
  const db = new Database(path, { readonly: true });
  const { events, agreements } = db
    .prepare(
      `SELECT (SELECT MAX(position) FROM events) AS events,
    (SELECT COUNT(*) FROM events WHERE type = 'AgreementSigned') AS agreements`,
    )
    .get() as { events: number; agreements: number };
  db.close();
  const bytes = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  emit({
    key: 'dataset',
    label: `dataset ${basename(path)}: ${agreements.toLocaleString('en')} agreements, about ${SIZES[size].members.toLocaleString('en')} members`,
    value: events,
    unit: 'events',
    stat: 'value',
    agreements,
    fileMb: Math.round(bytes / 2 ** 20),
    secondsToEnsure: round(seconds, 2),
  });
}

runScenario(main);
