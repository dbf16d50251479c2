import { errorMessage, storageFailure, type EventStore } from '@pks/event-store';
import {
  generationPath,
  nextGeneration,
  readGeneration,
  removeGenerationFiles,
  removeStaleGenerations,
} from './read-model-files';
import { GenerationReplacements } from './read-model-replacements';
import {
  ReadModelsRebuildingError,
  type ReadModelHostOptions,
  type ReadSideHealth,
  type SetAsideGeneration,
} from './read-model-health';
import { ReadModels } from './read-models';

/**
 * Holds the live generation of the read models. A rebuild writes a new generation into its own file and, once
 * caught up, points `<base>.current` at it; the host notices, opens it and swaps it in, so queries answer from
 * the old generation until the new one is complete.
 *
 * The read models are derived data: a generation found damaged (at start, by a query or by the runner) is closed,
 * moved aside for forensics and replaced by a fresh generation that catches up from the events; so is, removed
 * rather than kept, a generation whose store is no longer the one it applied (a restored older copy, another
 * file: see StoreFollowing), found at start before anything is answered from it, or before any later pass.
 * Queries are refused with {@link ReadModelsRebuildingError} until the fresh generation has applied what the store
 * held at that moment. A generation swapped out is removed.
 */
export class ReadModelHost {
  private watcher: NodeJS.Timeout | null = null;
  private pollMs: number | null = null;
  private readonly replacements: GenerationReplacements;

  private constructor(
    private readonly basePath: string,
    private readonly store: EventStore,
    private models: ReadModels,
    private generation: number,
    private readonly options: ReadModelHostOptions,
  ) {
    this.replacements = new GenerationReplacements(basePath, store, options);
    this.watch(models);
  }

  static open(basePath: string, store: EventStore, options: ReadModelHostOptions = {}): ReadModelHost {
    const generation = readGeneration(basePath);
    removeStaleGenerations(basePath, generation);
    try {
      return new ReadModelHost(
        basePath,
        store,
        ReadModels.open(generationPath(basePath, generation), store, undefined, options.slicing, options.thread),
        generation,
        options,
      );
    } catch (error) {
      if (storageFailure(error) !== 'corrupt') throw error;
      const fresh = nextGeneration(basePath, generation);
      const host = new ReadModelHost(
        basePath,
        store,
        ReadModels.open(generationPath(basePath, fresh), store, undefined, options.slicing, options.thread),
        fresh,
        options,
      );
      host.replacements.record(generation, 'damaged', errorMessage(error), fresh);
      return host;
    }
  }

  current(): ReadModels {
    return this.models;
  }

  currentGeneration(): number {
    return this.generation;
  }

  /**
   * Runs a query on the live generation. A damaged database found by the query is set aside and rebuilt.
   * @throws ReadModelsRebuildingError while a rebuilt generation has not caught up.
   */
  read<T>(query: (models: ReadModels) => T): T {
    this.requireLive();
    const models = this.models;
    try {
      return query(models);
    } catch (error) {
      if (this.reportDamage(error, models)) this.requireLive();
      throw error;
    }
  }

  /**
   * Tells the host that an operation on `models` failed with `error`: when it says the database is damaged and
   * `models` is still the live generation, that generation is set aside and rebuilt.
   * @returns true when the error was damage of the read models' database.
   */
  reportDamage(error: unknown, models: ReadModels = this.models): boolean {
    if (storageFailure(error) !== 'corrupt') return false;
    if (models === this.models) this.setAside(error);
    return true;
  }

  /**
   * Runs a query that answers also while rebuilding (the status of the read side): on a damaged database it is
   * set aside, and the query runs again on the fresh generation.
   */
  inspect<T>(query: (models: ReadModels) => T): T {
    const models = this.models;
    try {
      return query(models);
    } catch (error) {
      if (!this.reportDamage(error, models)) throw error;
      return query(this.models);
    }
  }

  /** True while a generation set aside (damaged, or following a changed store) is being replaced. */
  isRebuilding(): boolean {
    return this.replacements.isRebuilding(this.generation, this.models.runner.appliedPosition());
  }

  /** The read side's state for /health and /read-models/status; `headPosition` (the store's) gives the lag. */
  health(headPosition?: number): ReadSideHealth {
    const rebuilding = this.isRebuilding();
    const appliedPosition = this.models.runner.appliedPosition();
    const lastError = this.models.runner.lastFailure();
    const state = rebuilding ? 'rebuilding' : lastError !== null ? 'stalled' : 'live';
    const health = { state, generation: this.generation, appliedPosition, lastError } as const;
    const lag = headPosition === undefined ? {} : { lag: Math.max(0, headPosition - appliedPosition) };
    const [rebuild, lastSetAside] = [this.replacements.current(), this.replacements.lastReplaced()];
    return { ...health, ...lag, ...(rebuild ? { rebuild } : {}), ...(lastSetAside ? { lastSetAside } : {}) };
  }

  /**
   * Feeds the read models continuously and watches for a rebuilt generation; first makes sure that the live
   * generation follows the store as it is now (else it is replaced before anything is answered from it).
   */
  async start(pollMs: number): Promise<void> {
    const changed = await this.models.runner.checkStore().catch(() => null);
    this.pollMs = pollMs;
    if (changed !== null) this.replaceChanged(this.models, changed);
    this.models.runner.start(pollMs);
    await this.models.runner.started();
    if (this.basePath === ':memory:' || this.watcher) return;
    this.watcher = setInterval(() => this.swapIfRebuilt(pollMs), Math.max(pollMs, 500));
    this.watcher.unref();
  }

  async close(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
    this.pollMs = null;
    await this.models.close();
  }

  private openGeneration(generation: number): ReadModels {
    return ReadModels.open(
      generationPath(this.basePath, generation),
      this.store,
      undefined,
      this.options.slicing,
      this.options.thread,
    );
  }

  private requireLive(): void {
    if (!this.isRebuilding()) return;
    const target = this.replacements.current()?.targetPosition ?? null;
    throw new ReadModelsRebuildingError(this.models.runner.appliedPosition(), target);
  }

  private swapIfRebuilt(pollMs: number): void {
    const generation = readGeneration(this.basePath);
    if (generation === this.generation) return;
    try {
      this.swapTo(this.openGeneration(generation), generation);
      this.models.runner.start(pollMs);
    } catch (error) {
      this.options.log?.(
        'error',
        `rebuilt read models generation ${generation} cannot be opened: ${errorMessage(error)}`,
      );
    }
  }

  /** The generation swapped out is closed, then its files removed: generations no longer pile up. */
  private swapTo(next: ReadModels, generation: number): void {
    const [previous, previousGeneration] = [this.models, this.generation];
    [this.models, this.generation] = [next, generation];
    this.watch(next);
    void previous
      .close()
      .then(() => this.basePath !== ':memory:' && removeGenerationFiles(this.basePath, previousGeneration))
      .catch(() => undefined);
  }

  /** Replaces a damaged live generation: closed first (no connection may write its files), moved aside, rebuilt. */
  private setAside(error: unknown): void {
    this.replaceLive('damaged', errorMessage(error));
  }

  /** Replaces a generation that no longer follows the store: closed, removed, rebuilt from the events as they are. */
  private replaceChanged(models: ReadModels, reason: string): void {
    if (models === this.models) this.replaceLive('store-changed', reason);
  }

  private replaceLive(cause: SetAsideGeneration['cause'], reason: string): void {
    const [old, generation] = [this.models, this.generation];
    if (this.replacements.current()?.generation === generation) return;
    old.runner.halt();
    old.closeConnections();
    const fresh = nextGeneration(this.basePath, generation);
    this.models = this.openGeneration(fresh);
    this.generation = fresh;
    this.watch(this.models);
    this.replacements.record(generation, cause, reason, fresh);
    if (this.pollMs !== null) this.models.runner.start(this.pollMs);
  }

  /** A damaged database found by the runner is set aside like one found by a query; a changed store replaces it. */
  private watch(models: ReadModels): void {
    models.runner.whenStoreChanged((reason) => {
      try {
        this.replaceChanged(models, reason);
      } catch (failure) {
        this.options.log?.('error', `read models of a changed store could not be replaced: ${errorMessage(failure)}`);
      }
    });
    models.runner.whenCorrupt((error) => {
      if (models !== this.models) return;
      try {
        this.setAside(error);
      } catch (failure) {
        this.options.log?.('error', `damaged read models could not be set aside: ${errorMessage(failure)}`);
      }
    });
  }
}
