import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { EventStore } from '@pks/event-store';
import { ReadModels } from './read-models';

/**
 * Holds the live generation of the read models. A rebuild writes a new generation into its own file and, once
 * caught up, points `<base>.current` at it; the host notices, opens it and swaps it in, so queries answer from
 * the old generation until the new one is complete.
 */
export class ReadModelHost {
  private watcher: NodeJS.Timeout | null = null;

  private constructor(
    private readonly basePath: string,
    private readonly store: EventStore,
    private models: ReadModels,
    private generation: number,
  ) {}

  static open(basePath: string, store: EventStore): ReadModelHost {
    const generation = readGeneration(basePath);
    return new ReadModelHost(basePath, store, ReadModels.open(generationPath(basePath, generation), store), generation);
  }

  current(): ReadModels {
    return this.models;
  }

  currentGeneration(): number {
    return this.generation;
  }

  /** Feeds the read models continuously and watches for a rebuilt generation. */
  start(pollMs: number): void {
    this.models.runner.start(pollMs);
    if (this.basePath === ':memory:' || this.watcher) return;
    this.watcher = setInterval(() => void this.swapIfRebuilt(pollMs), Math.max(pollMs, 500));
    this.watcher.unref();
  }

  async close(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
    await this.models.close();
  }

  private async swapIfRebuilt(pollMs: number): Promise<void> {
    const generation = readGeneration(this.basePath);
    if (generation === this.generation) return;
    const next = ReadModels.open(generationPath(this.basePath, generation), this.store);
    next.runner.start(pollMs);
    const previous = this.models;
    [this.models, this.generation] = [next, generation];
    await previous.close();
  }
}

/** The file of a generation: the configured path for generation 0, `<base>.g<n>.sqlite` after rebuilds. */
export function generationPath(basePath: string, generation: number): string {
  if (basePath === ':memory:' || generation === 0) return basePath;
  return `${basePath.replace(/\.sqlite$/, '')}.g${generation}.sqlite`;
}

export function readGeneration(basePath: string): number {
  const pointer = `${basePath}.current`;
  if (basePath === ':memory:' || !existsSync(pointer)) return 0;
  return (JSON.parse(readFileSync(pointer, 'utf8')) as { generation: number }).generation;
}

/** Points the host at a generation; the rename makes the switch atomic. */
export function writeGeneration(basePath: string, generation: number): void {
  const pointer = `${basePath}.current`;
  writeFileSync(`${pointer}.tmp`, JSON.stringify({ generation }));
  renameSync(`${pointer}.tmp`, pointer);
}

export function removeGenerationFiles(basePath: string, generation: number): void {
  const path = generationPath(basePath, generation);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
