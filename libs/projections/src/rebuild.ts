import { writeFileSync, rmSync } from 'node:fs';
import type { EventStore } from '@pks/event-store';
import type { QuarantinedEvent } from './projection-runner';
import {
  generationPath,
  readGeneration,
  readRebuildMarker,
  removeGenerationFiles,
  writeGeneration,
} from './read-model-files';
import { ReadModels } from './read-models';

export interface RebuildProgress {
  readonly generation: number;
  readonly appliedPosition: number;
  readonly headPosition: number;
  readonly eventsApplied: number;
  readonly eventsPerSecond: number;
  readonly etaSeconds: number | null;
}

export interface RebuildResult {
  readonly generation: number;
  readonly resumed: boolean;
  readonly eventsApplied: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly headPosition: number;
  readonly quarantined: QuarantinedEvent[];
}

/**
 * Rebuilds every read model from the events alone into a new generation, then makes it the live one. A killed
 * rebuild resumes from its own checkpoint (`<base>.rebuilding` names the generation under way).
 */
export async function rebuildReadModels(
  basePath: string,
  store: EventStore,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
): Promise<RebuildResult> {
  if (basePath === ':memory:') throw new Error('an in-memory read model cannot be rebuilt by another process');
  const marker = `${basePath}.rebuilding`;
  const live = readGeneration(basePath);
  const marked = readRebuildMarker(basePath);
  // A marker naming the live generation (or an older one) is left over from a finished rebuild: start anew.
  const resumed = marked !== null && marked > live;
  const generation = resumed ? (marked as number) : live + 1;
  if (!resumed) {
    removeGenerationFiles(basePath, generation);
    writeFileSync(marker, JSON.stringify({ generation }));
  }
  const started = Date.now();
  let applied = 0;
  let head = await store.headPosition();
  const models = ReadModels.openForRebuild(generationPath(basePath, generation), store, (position, events) => {
    applied += events;
    const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
    const rate = applied / seconds;
    onProgress({
      generation,
      appliedPosition: position,
      headPosition: head,
      eventsApplied: applied,
      eventsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round((head - position) / rate) : null,
    });
  });
  try {
    while (models.runner.appliedPosition() < head) {
      await models.runner.catchUpTo(head);
      head = await store.headPosition();
    }
    models.finishBulkLoad();
    const quarantined = models.runner.quarantined();
    rmSync(marker, { force: true });
    writeGeneration(basePath, generation);
    const seconds = (Date.now() - started) / 1000;
    return {
      generation,
      resumed,
      eventsApplied: applied,
      seconds,
      eventsPerSecond: Math.round(applied / seconds),
      headPosition: head,
      quarantined,
    };
  } finally {
    await models.close();
  }
}
