import { AGREEMENT_STREAM, eventOf, streamIdFor, summarize } from '@pks/application';
import { latestIndonesianDate, type AgreementState } from '@pks/domain';
import type { EventStore, RecordedEvent } from '@pks/event-store';

const PAGE = 500;

/** One event of an agreement's history: who recorded it, when, and what it changed in the agreement's state. */
export interface ReplayStep {
  readonly version: number;
  readonly position: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: string;
  /** The role the actor acted in (events recorded through the API since access control). */
  readonly role?: string;
  readonly via?: string;
  readonly commandId: string;
  readonly hash: string;
  readonly changes: readonly Change[];
}

export interface Change {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * The agreement's events in order, each folded into the state with the domain's own `evolve`, and the state's
 * summary compared before and after (its status as of the day the event was recorded). Streams a page at a time.
 */
export async function* replayAgreement(
  store: EventStore,
  agreementId: string,
  toVersion?: number,
): AsyncIterable<ReplayStep> {
  const streamId = streamIdFor(AGREEMENT_STREAM, agreementId);
  let state: AgreementState = AGREEMENT_STREAM.initialState;
  for (let from = 1; toVersion === undefined || from <= toVersion; from += PAGE) {
    const last = toVersion === undefined ? from + PAGE - 1 : Math.min(toVersion, from + PAGE - 1);
    const page = await store.readStream(streamId, { fromVersion: from, toVersion: last });
    for (const stored of page) {
      const before = figures(state, stored);
      state = AGREEMENT_STREAM.evolve(state, eventOf(AGREEMENT_STREAM, stored));
      yield step(stored, diff(before, figures(state, stored)));
    }
    if (page.length < last - from + 1) return;
  }
}

function step(stored: RecordedEvent, changes: Change[]): ReplayStep {
  const { version, position, type, metadata, hash } = stored;
  const { recordedAt, actor, role, via, commandId } = metadata;
  const acting = { actor, ...(role ? { role } : {}), ...(via ? { via } : {}) };
  return { version, position, type, recordedAt, ...acting, commandId, hash, changes };
}

/** The summary's figures, flat: `coverage.end`, `cohorts.berkah-nelayan`, `expectedPremium`... */
function figures(state: AgreementState, at: RecordedEvent): Record<string, unknown> {
  if (state.status === 'none') return {};
  const {
    cohorts,
    version: _version,
    ...rest
  } = summarize(state, at.version, latestIndonesianDate(at.metadata.recordedAt));
  const flat: Record<string, unknown> = {};
  flattenInto(flat, '', rest);
  for (const cohort of cohorts) flat[`cohorts.${cohort.cohortId}`] = `${cohort.name} (${cohort.members} members)`;
  return flat;
}

function flattenInto(flat: Record<string, unknown>, prefix: string, value: unknown): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenInto(flat, prefix ? `${prefix}.${key}` : key, inner);
    return;
  }
  flat[prefix] = Array.isArray(value) ? value.join(', ') : value;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
