import { errorMessage, storageFailure, type EventStore } from '@pks/event-store';
import { generationPath, nextGeneration, readGeneration, setAsideFiles, writeGeneration } from './read-model-files';
import {
  ReadModelsRebuildingError,
  type ReadModelHostOptions,
  type ReadSideHealth,
  type SetAsideGeneration,
} from './read-model-health';
import { ReadModels } from './read-models';

/** How long to wait before asking the store's head again, when it did not answer during a set-aside. */
const TARGET_RETRY_MS = 1_000;

/**
 * Holds the live generation of the read models. A rebuild writes a new generation into its own file and, once
 * caught up, points `<base>.current` at it; the host notices, opens it and swaps it in, so queries answer from
 * the old generation until the new one is complete.
 *
 * The read models are derived data: a generation found damaged (at start, by a query or by the runner) is closed,
 * moved aside for forensics and replaced by a fresh generation that catches up from the events; queries are
 * refused with {@link ReadModelsRebuildingError} until it has applied what the store held at that moment.
 */
export class ReadModelHost {
  private watcher: NodeJS.Timeout | null = null;
  private pollMs: number | null = null;
  private rebuild: SetAsideGeneration | null = null;
  private lastSetAside: SetAsideGeneration | null = null;

  private constructor(
    private readonly basePath: string,
    private readonly store: EventStore,
    private models: ReadModels,
    private generation: number,
    private readonly options: ReadModelHostOptions,
  ) {
    this.watch(models);
  }

  static open(basePath: string, store: EventStore, options: ReadModelHostOptions = {}): ReadModelHost {
    const generation = readGeneration(basePath);
    try {
      return new ReadModelHost(
        basePath,
        store,
        ReadModels.open(generationPath(basePath, generation), store),
        generation,
        options,
      );
    } catch (error) {
      if (storageFailure(error) !== 'corrupt') throw error;
      const fresh = nextGeneration(basePath, generation);
      const host = new ReadModelHost(
        basePath,
        store,
        ReadModels.open(generationPath(basePath, fresh), store),
        fresh,
        options,
      );
      host.recordSetAside(generation, error, fresh);
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

  /** True while a generation set aside after damage is being replaced. */
  isRebuilding(): boolean {
    if (this.rebuild === null) return false;
    const { targetPosition } = this.rebuild;
    if (targetPosition === null || this.models.runner.appliedPosition() < targetPosition) return true;
    this.options.log?.('log', `read models rebuilt in generation ${this.generation} up to position ${targetPosition}`);
    this.rebuild = null;
    return false;
  }

  /** The read side's state for /health and /read-models/status; `headPosition` (the store's) gives the lag. */
  health(headPosition?: number): ReadSideHealth {
    const rebuilding = this.isRebuilding();
    const appliedPosition = this.models.runner.appliedPosition();
    const lastError = this.models.runner.lastFailure();
    const state = rebuilding ? 'rebuilding' : lastError !== null ? 'stalled' : 'live';
    const health = { state, generation: this.generation, appliedPosition, lastError } as const;
    const lag = headPosition === undefined ? {} : { lag: Math.max(0, headPosition - appliedPosition) };
    return {
      ...health,
      ...lag,
      ...(this.rebuild ? { rebuild: this.rebuild } : {}),
      ...(this.lastSetAside ? { lastSetAside: this.lastSetAside } : {}),
    };
  }

  /** Feeds the read models continuously and watches for a rebuilt generation. */
  start(pollMs: number): void {
    this.pollMs = pollMs;
    this.models.runner.start(pollMs);
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

  private requireLive(): void {
    if (!this.isRebuilding()) return;
    throw new ReadModelsRebuildingError(this.models.runner.appliedPosition(), this.rebuild?.targetPosition ?? null);
  }

  private swapIfRebuilt(pollMs: number): void {
    const generation = readGeneration(this.basePath);
    if (generation === this.generation) return;
    try {
      this.swapTo(ReadModels.open(generationPath(this.basePath, generation), this.store), generation);
      this.models.runner.start(pollMs);
    } catch (error) {
      this.options.log?.(
        'error',
        `rebuilt read models generation ${generation} cannot be opened: ${errorMessage(error)}`,
      );
    }
  }

  private swapTo(next: ReadModels, generation: number): void {
    const previous = this.models;
    [this.models, this.generation] = [next, generation];
    this.watch(next);
    void previous.close().catch(() => undefined);
  }

  /** Replaces a damaged live generation: closed first (no connection may write its files), moved aside, rebuilt. */
  private setAside(error: unknown): void {
    const damaged = this.models;
    const generation = this.generation;
    if (this.rebuild?.generation === generation) return;
    damaged.runner.halt();
    damaged.db.close();
    const fresh = nextGeneration(this.basePath, generation);
    this.models = ReadModels.open(generationPath(this.basePath, fresh), this.store);
    this.generation = fresh;
    this.watch(this.models);
    this.recordSetAside(generation, error, fresh);
    if (this.pollMs !== null) this.models.runner.start(this.pollMs);
  }

  private recordSetAside(generation: number, error: unknown, fresh: number): void {
    const at = new Date();
    const setAsideAs =
      this.basePath === ':memory:' ? ':memory:' : setAsideFiles(generationPath(this.basePath, generation), at);
    const reason = errorMessage(error);
    this.rebuild = { generation, setAsideAs, reason, at: at.toISOString(), targetPosition: null };
    this.lastSetAside = this.rebuild;
    if (this.basePath !== ':memory:') writeGeneration(this.basePath, fresh);
    this.options.log?.(
      'error',
      `read models generation ${generation} is damaged (${reason}): moved to ${setAsideAs}, rebuilding generation ${fresh} from the events`,
    );
    this.resolveTarget(this.rebuild.at);
  }

  /** The rebuilt generation is complete at the store's head of the moment it was set aside (asked again later). */
  private resolveTarget(at: string): void {
    this.store.headPosition().then(
      (head) => {
        if (this.rebuild?.at !== at) return;
        this.rebuild = { ...this.rebuild, targetPosition: head };
        this.lastSetAside = this.rebuild;
      },
      (failure: unknown) => {
        this.options.log?.('error', `store head unknown while rebuilding the read models: ${errorMessage(failure)}`);
        if (this.rebuild?.at === at) setTimeout(() => this.resolveTarget(at), TARGET_RETRY_MS).unref();
      },
    );
  }

  /** A damaged database found by the runner is set aside like one found by a query. */
  private watch(models: ReadModels): void {
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
