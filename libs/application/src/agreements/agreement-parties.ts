import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { AGREEMENT_STREAM, eventOf, streamIdFor } from '../streams/stream-type';

/** Whose agreement it is: the Pemda's region code and the BPJS branch it was signed with. */
export interface AgreementParties {
  readonly regionCode: string;
  readonly branchCode: string;
}

/** Agreements whose parties stay in memory (a few thousand exist; the bound only guards against a flood of ids). */
const REMEMBERED = 50_000;

/**
 * The parties of an agreement, read from its first event (its signature) in the store, never from a read model
 * that may lag: what a scope check needs before a command or a query runs. An id is used once, ever, and the
 * parties never change after the signature, so a known answer is kept; "no such agreement" is not.
 */
@Injectable()
export class AgreementPartiesDirectory {
  private readonly known = new Map<string, AgreementParties>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(agreementId: string): Promise<AgreementParties | null> {
    const cached = this.known.get(agreementId);
    if (cached) return cached;
    const [first] = await this.store.readStream(streamIdFor(AGREEMENT_STREAM, agreementId), {
      fromVersion: 1,
      toVersion: 1,
    });
    if (first === undefined) return null;
    const event = eventOf(AGREEMENT_STREAM, first);
    if (event.type !== 'AgreementSigned') {
      throw new Error(`agreement-${agreementId} does not begin with its signature but with ${event.type}`);
    }
    const parties = { regionCode: event.data.pemda.regionCode, branchCode: event.data.branch.code };
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value as string);
    this.known.set(agreementId, parties);
    return parties;
  }
}
