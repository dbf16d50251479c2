import { errorMessage, type EventStore } from '@pks/event-store';
import { generationPath, removeGenerationFiles, setAsideFiles, writeGeneration } from './read-model-files';
import type { ReadModelHostOptions, SetAsideGeneration } from './read-model-health';

/** How long to wait before asking the store's head again, when it did not answer during a replacement. */
const TARGET_RETRY_MS = 1_000;

/**
 * The generations the host replaced: the one being rebuilt (until the fresh generation has applied what the store
 * held when it was replaced) and the last one, for /health. A damaged generation's files are moved aside for
 * forensics; those of a generation that followed a changed store are removed.
 */
export class GenerationReplacements {
  private underWay: SetAsideGeneration | null = null;
  private last: SetAsideGeneration | null = null;

  constructor(
    private readonly basePath: string,
    private readonly store: EventStore,
    private readonly options: ReadModelHostOptions,
  ) {}

  /** The replacement being rebuilt, if any. */
  current(): SetAsideGeneration | null {
    return this.underWay;
  }

  lastReplaced(): SetAsideGeneration | null {
    return this.last;
  }

  /** Generation `generation` (closed) was replaced by `fresh`: its files go, `.current` names `fresh`. */
  record(generation: number, cause: SetAsideGeneration['cause'], reason: string, fresh: number): void {
    const at = new Date();
    const setAsideAs = this.dispose(generation, cause, at);
    this.underWay = { generation, cause, setAsideAs, reason, at: at.toISOString(), targetPosition: null };
    this.last = this.underWay;
    if (this.basePath !== ':memory:') writeGeneration(this.basePath, fresh);
    const what =
      cause === 'damaged'
        ? `is damaged (${reason}): moved to ${setAsideAs}`
        : `no longer follows the store (${reason}): removed`;
    this.options.log?.(
      'error',
      `read models generation ${generation} ${what}, rebuilding generation ${fresh} from the events`,
    );
    this.resolveTarget(this.underWay.at);
  }

  /** Whether the fresh generation (`generation`, at `appliedPosition`) is still catching up; logs when it is done. */
  isRebuilding(generation: number, appliedPosition: number): boolean {
    if (this.underWay === null) return false;
    const { targetPosition } = this.underWay;
    if (targetPosition === null || appliedPosition < targetPosition) return true;
    this.options.log?.('log', `read models rebuilt in generation ${generation} up to position ${targetPosition}`);
    this.underWay = null;
    return false;
  }

  private dispose(generation: number, cause: SetAsideGeneration['cause'], at: Date): string | null {
    if (this.basePath === ':memory:') return cause === 'damaged' ? ':memory:' : null;
    if (cause === 'damaged') return setAsideFiles(generationPath(this.basePath, generation), at);
    removeGenerationFiles(this.basePath, generation);
    return null;
  }

  /** The fresh generation is complete at the store's head of the moment of the replacement (asked again later). */
  private resolveTarget(at: string): void {
    this.store.headPosition().then(
      (head) => {
        if (this.underWay?.at !== at) return;
        this.underWay = { ...this.underWay, targetPosition: head };
        this.last = this.underWay;
      },
      (failure: unknown) => {
        this.options.log?.('error', `store head unknown while rebuilding the read models: ${errorMessage(failure)}`);
        if (this.underWay?.at === at) setTimeout(() => this.resolveTarget(at), TARGET_RETRY_MS).unref();
      },
    );
  }
}
