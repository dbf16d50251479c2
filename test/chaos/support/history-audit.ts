import { ownedIdempotencyKey } from '@pks/application';
import { deathKey } from '@pks/domain';
import type { EventStore, RecordedEvent } from '@pks/event-store';
import { CHAOS_CLIENT, type ChaosCommand, type CommandKind } from './client';

/** The event a command appends to its agreement's stream, once, when it succeeds. */
const PRIMARY_EVENT: Readonly<Record<CommandKind, string>> = {
  sign: 'AgreementSigned',
  'enrol-cohort': 'CohortEnrolled',
  'enrol-batch': 'CohortBatchEnrolled',
  extend: 'PeriodExtended',
  payment: 'PremiumPaymentRecorded',
  death: 'DeathBenefitPaid',
  withdraw: 'MemberWithdrawn',
  terminate: 'AgreementTerminated',
};

const PAGE = 2_000;

export interface Acknowledged {
  readonly command: ChaosCommand;
  readonly body: Record<string, unknown>;
}

export interface HistoryFigures {
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  /** Refused commands (a 4xx) whose event is in the history anyway: must be 0. */
  refusedButRecorded: number;
  /** Commands without a definitive answer that are in the history twice: must be 0 (once or never is fine). */
  unresolvedDuplicated: number;
  events: number;
}

interface Occurrence {
  readonly position: number;
  readonly version: number;
}

/**
 * Matches every command with the events that name it (X-Correlation-Id = Idempotency-Key, in each event's
 * metadata): an acknowledged command must have appended its event exactly once, at the version and position it
 * answered, with its Idempotency-Key recorded at that position; a death benefit holds the person's unique death key
 * in the store's index, at that event.
 */
export async function auditHistory(
  store: EventStore,
  acknowledged: readonly Acknowledged[],
  refused: readonly ChaosCommand[],
  unresolved: readonly ChaosCommand[],
): Promise<{ figures: HistoryFigures; problems: string[] }> {
  const commands = new Map<string, ChaosCommand>();
  for (const command of [...acknowledged.map((a) => a.command), ...refused, ...unresolved])
    commands.set(command.key, command);
  const { primary, events, strangers } = await scan(store, commands);
  const figures: HistoryFigures = {
    acknowledged: acknowledged.length,
    found: 0,
    lost: 0,
    duplicated: 0,
    refusedButRecorded: 0,
    unresolvedDuplicated: 0,
    events,
  };
  // Every event's actor is the token's subject, whatever reactor wrote it on the client's behalf.
  const problems: string[] = strangers.map((actor) => `an event names ${actor} as its actor, not the token's subject`);
  for (const { command, body } of acknowledged) {
    const found = primary.get(command.key) ?? [];
    if (found.length === 0) figures.lost += 1;
    else if (found.length > 1) figures.duplicated += 1;
    else figures.found += 1;
    if (found.length !== 1)
      problems.push(`${command.key}: acknowledged, ${found.length} ${PRIMARY_EVENT[command.kind]} events`);
    else problems.push(...(await answerProblems(store, command, body, found[0])));
  }
  for (const command of refused) {
    if ((primary.get(command.key) ?? []).length > 0) {
      figures.refusedButRecorded += 1;
      problems.push(`${command.key}: refused, yet its ${PRIMARY_EVENT[command.kind]} is in the history`);
    }
  }
  for (const command of unresolved) {
    if ((primary.get(command.key) ?? []).length > 1) figures.unresolvedDuplicated += 1;
  }
  return { figures, problems };
}

async function scan(store: EventStore, commands: ReadonlyMap<string, ChaosCommand>) {
  const primary = new Map<string, Occurrence[]>();
  const strangers = new Set<string>();
  let events = 0;
  for (let after = 0; ;) {
    const page: RecordedEvent[] = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) return { primary, events, strangers: [...strangers] };
    for (const event of page) {
      if (event.metadata.actor !== CHAOS_CLIENT.sub) strangers.add(event.metadata.actor);
      const command = commands.get(event.metadata.correlationId);
      if (command === undefined) continue;
      if (event.type === PRIMARY_EVENT[command.kind] && event.streamId === `agreement-${command.agreementId}`) {
        primary.set(command.key, [
          ...(primary.get(command.key) ?? []),
          { position: event.position, version: event.version },
        ]);
      }
    }
    events += page.length;
    after = page[page.length - 1].position;
  }
}

async function answerProblems(
  store: EventStore,
  command: ChaosCommand,
  body: Record<string, unknown>,
  found: Occurrence,
): Promise<string[]> {
  const problems: string[] = [];
  const answered = { agreementId: body.agreementId, version: body.version, position: body.position };
  const expected = { agreementId: command.agreementId, version: found.version, position: found.position };
  if (JSON.stringify(answered) !== JSON.stringify(expected)) {
    problems.push(`${command.key}: answered ${JSON.stringify(answered)}, its event is at ${JSON.stringify(expected)}`);
  }
  // Keys belong to the subject that used them: the store holds them under the client's subject.
  const owned = ownedIdempotencyKey({
    commandId: '',
    correlationId: '',
    causationId: '',
    actor: CHAOS_CLIENT.sub,
    idempotency: { key: command.key, requestHash: '' },
  });
  const record = await store.findIdempotencyRecord(owned as string);
  if (record?.position !== found.position) {
    problems.push(`${command.key}: Idempotency-Key recorded at ${record?.position}, its event is at ${found.position}`);
  }
  if (command.kind === 'death') {
    const holders = await store.lookup([deathKey(command.nik as string)]);
    const held = holders.map((hit) => `${hit.streamId}@${hit.position}`);
    if (held.join() !== `agreement-${command.agreementId}@${found.position}`) {
      problems.push(`${command.key}: the person's death key is held by [${held.join(', ')}]`);
    }
  }
  return problems;
}
