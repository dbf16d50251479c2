import { Inject, Injectable } from '@nestjs/common';
import {
  coveredMonths,
  deathKey,
  memberKey,
  memberWindow,
  type CalendarDate,
  type CoverageWindow,
  type DeathBenefitPaid,
  type Nik,
  type PaidDeath,
  type PeopleFacts,
} from '@pks/domain';
import { EVENT_STORE, type EventStore, type IndexHit } from '@pks/event-store';
import type { GatheredFacts } from '../commands/stream-command';
import { StreamReader } from '../streams/stream-reader';
import { AGREEMENT_STREAM, eventOf } from '../streams/stream-type';

/**
 * What the ledger knows of people across agreements, read from the store's index, which the store keeps in
 * the same transaction as the events: never from a read model that may lag or have set an event aside. Each
 * answer names the keys it read and the position it read them at, the condition of the append it informs.
 */
@Injectable()
export class PeopleDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: StreamReader,
  ) {}

  /** Deaths paid for these NIKs (for an enrolment). */
  async deaths(niks: readonly Nik[]): Promise<GatheredFacts> {
    const after = await this.store.headPosition();
    const keys = [...new Set(niks)].map(deathKey);
    const deaths = await this.deathsOf(await this.store.lookup(keys));
    return { context: { people: facts(deaths, new Map()) }, condition: { keys, after } };
  }

  /** The NIK's death, if paid, and its coverage windows under the other agreements (for a death benefit). */
  async person(nik: Nik, exceptAgreementId: string): Promise<GatheredFacts> {
    const after = await this.store.headPosition();
    const keys = [deathKey(nik), memberKey(nik)];
    const hits = await this.store.lookup(keys);
    const deaths = await this.deathsOf(hits.filter((hit) => hit.key === keys[0]));
    const windows = await this.windowsElsewhere(
      nik,
      hits.filter((hit) => hit.key === keys[1]),
      exceptAgreementId,
    );
    return { context: { people: facts(deaths, new Map([[nik, windows]])) }, condition: { keys, after } };
  }

  /** The agreements that enrolled this NIK, in the order they did. */
  async agreementsOf(nik: Nik): Promise<string[]> {
    const hits = await this.store.lookup([memberKey(nik)]);
    return [...new Set(hits.map((hit) => agreementIdOf(hit)))];
  }

  private async deathsOf(hits: readonly IndexHit[]): Promise<Map<Nik, PaidDeath>> {
    const deaths = new Map<Nik, PaidDeath>();
    for (const hit of hits) {
      const [stored] = await this.store.readStream(hit.streamId, { fromVersion: hit.version, toVersion: hit.version });
      const event = stored && eventOf(AGREEMENT_STREAM, stored);
      if (event?.type !== 'DeathBenefitPaid')
        throw new Error(`index entry ${hit.key} names no benefit at ${hit.streamId}@${hit.version}`);
      const { nik, claimId, dateOfDeath } = (event as DeathBenefitPaid).data;
      deaths.set(nik, { agreementId: agreementIdOf(hit), claimId, dateOfDeath });
    }
    return deaths;
  }

  private async windowsElsewhere(
    nik: Nik,
    hits: readonly IndexHit[],
    exceptAgreementId: string,
  ): Promise<CoverageWindow[]> {
    const windows: CoverageWindow[] = [];
    for (const agreementId of new Set(hits.map(agreementIdOf))) {
      if (agreementId === exceptAgreementId) continue;
      const { state } = await this.reader.load(AGREEMENT_STREAM, agreementId);
      const member = state.status === 'none' ? undefined : state.members.get(nik);
      if (state.status !== 'none' && member !== undefined) windows.push(memberWindow(state, member));
    }
    return windows;
  }
}

function agreementIdOf(hit: IndexHit): string {
  return hit.streamId.slice(`${AGREEMENT_STREAM.category}-`.length);
}

function facts(deaths: ReadonlyMap<Nik, PaidDeath>, windows: ReadonlyMap<Nik, readonly CoverageWindow[]>): PeopleFacts {
  return {
    deathOf: (nik) => deaths.get(nik),
    monthsCoveredElsewhere: (nik: Nik, upTo: CalendarDate) =>
      (windows.get(nik) ?? []).flatMap((w) => coveredMonths(w, upTo)),
  };
}
