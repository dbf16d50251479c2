import { isDeepStrictEqual } from 'node:util';
import { AgreementLane } from './agreement-lane';
import { newCounters, sendUntilAnswered, type ChaosCommand, type Outcome } from './client';
import type { Acknowledged } from './history-audit';
import { SharedPeople } from './people';

/** How long one command may go on being sent (the service down, restarting, busy) before its client gives up. */
const GIVE_UP_AFTER_MS = 120_000;

/**
 * Concurrent clients, one agreement lane each, sending commands until told to stop; each finishes the command it
 * is sending (to a definitive answer) before it stops. Records every command's outcome.
 */
export class ChaosLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly refused: { command: ChaosCommand; code: string }[] = [];
  readonly unresolved: ChaosCommand[] = [];
  readonly counters = newCounters();
  private stopping = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly base: string,
    private readonly clients: number,
    private readonly token: string,
  ) {}

  start(): void {
    const shared = new SharedPeople();
    const lanes = Array.from({ length: this.clients }, (_, lane) => this.drive(new AgreementLane(lane, shared)));
    this.running = Promise.all(lanes).then(() => undefined);
  }

  /** Asks every client to stop after its current command; resolves once all have. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Acknowledged commands by kind, e.g. `payment: 5012`. */
  acknowledgedByKind(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { command } of this.acknowledged) counts[command.kind] = (counts[command.kind] ?? 0) + 1;
    return counts;
  }

  /** Refusals by HTTP status and code, e.g. `409 BENEFIT_ALREADY_PAID: 12`. */
  refusalsByCode(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { code } of this.refused) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  }

  private async drive(lane: AgreementLane): Promise<void> {
    while (!this.stopping) {
      const batch = lane.next();
      const outcomes = await Promise.all(
        batch.map((command) =>
          sendUntilAnswered(this.base, command, this.counters, Date.now() + GIVE_UP_AFTER_MS, this.token),
        ),
      );
      batch.forEach((command, i) => {
        this.record(command, outcomes[i]);
        lane.answered(command, outcomes[i]);
      });
    }
  }

  private record(command: ChaosCommand, outcome: Outcome): void {
    if (outcome.kind === 'acknowledged') this.acknowledged.push({ command, body: outcome.body });
    else if (outcome.kind === 'refused') this.refused.push({ command, code: `${outcome.status} ${outcome.code}` });
    else this.unresolved.push(command);
  }
}

export interface RetryFigures {
  retried: number;
  sameAnswer: number;
  otherAnswer: number;
  examples: string[];
}

/** Sends every acknowledged command again, same key and body, `concurrency` at a time: each must answer the same. */
export async function retryAcknowledged(
  base: string,
  acknowledged: readonly Acknowledged[],
  concurrency: number,
  token: string,
): Promise<RetryFigures> {
  const figures: RetryFigures = { retried: 0, sameAnswer: 0, otherAnswer: 0, examples: [] };
  const counters = newCounters();
  let next = 0;
  const worker = async () => {
    while (next < acknowledged.length) {
      const { command, body } = acknowledged[next++];
      const outcome = await sendUntilAnswered(base, command, counters, Date.now() + GIVE_UP_AFTER_MS, token);
      figures.retried += 1;
      if (outcome.kind === 'acknowledged' && isDeepStrictEqual(outcome.body, body)) {
        figures.sameAnswer += 1;
        continue;
      }
      figures.otherAnswer += 1;
      if (figures.examples.length < 10)
        figures.examples.push(`${command.key}: ${JSON.stringify(outcome)} after ${JSON.stringify(body)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return figures;
}
