/**
 * Upcasting: stored events keep the shape they were written with; readers bring older schema versions up to
 * the current one, one step at a time, before folding. Register a step when an event type gets a new version.
 */
export interface StoredEventData {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Turns data of `type` at `fromVersion` into data at `fromVersion + 1`. */
export interface UpcastStep {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

export class Upcaster {
  private readonly steps = new Map<string, UpcastStep['upcast']>();

  constructor(
    private readonly currentVersions: Readonly<Record<string, number>>,
    steps: readonly UpcastStep[] = [],
  ) {
    for (const step of steps) this.steps.set(`${step.type}@${step.fromVersion}`, step.upcast);
  }

  /** The event's data at the current schema version of its type. */
  upcast<E extends { type: string; data: unknown }>(stored: StoredEventData): E {
    const current = this.currentVersions[stored.type];
    if (current === undefined) throw new Error(`unknown event type ${stored.type}`);
    let data = stored.data;
    for (let version = stored.schemaVersion; version < current; version++) {
      const step = this.steps.get(`${stored.type}@${version}`);
      if (step === undefined) throw new Error(`no upcaster for ${stored.type} v${version}`);
      data = step(data);
    }
    if (stored.schemaVersion > current) {
      throw new Error(`${stored.type} v${stored.schemaVersion} is newer than this build understands (v${current})`);
    }
    return { type: stored.type, data } as E;
  }
}
