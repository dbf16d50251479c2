import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AgreementEvent, CalendarDate, DeathBenefitPaid, SignAgreement } from '@pks/domain';
import { agreementSigned, LUWU_TIMUR, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { EventStore } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { ReadModels } from '../read-models';

/**
 * Test helper: appends domain events to an in-memory store with chosen `recordedAt` instants (so bitemporal
 * tests decide when each fact was recorded) and opens the read models over it. Not part of the public API.
 */
export const DEFAULT_RECORDED_AT = '2025-11-10T02:00:00.000Z';

export class LedgerBuilder {
  readonly store = new InMemoryEventStore();
  private readonly versions = new Map<string, number>();
  private counter = 0;

  /** Appends the events of one agreement, all recorded at `at`; returns the global position of the last. */
  async record(
    agreementId: string,
    events: readonly AgreementEvent[],
    at: string = DEFAULT_RECORDED_AT,
  ): Promise<number> {
    return this.raw(
      `agreement-${agreementId}`,
      events.map((e) => ({ type: e.type, data: e.data })),
      at,
    );
  }

  /** Appends events of any type and shape to any stream (a malformed event, a person stream...). */
  async raw(
    streamId: string,
    events: readonly { type: string; data: unknown; schemaVersion?: number }[],
    at: string = DEFAULT_RECORDED_AT,
  ): Promise<number> {
    const version = this.versions.get(streamId) ?? 0;
    const result = await this.store.append(
      streamId,
      version,
      events.map((e) => {
        this.counter += 1;
        return {
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          metadata: {
            recordedAt: at,
            actor: 'operator@disnaker',
            commandId: `cmd-${this.counter}`,
            correlationId: `corr-${this.counter}`,
            causationId: `cmd-${this.counter}`,
            schemaVersion: e.schemaVersion ?? 1,
          },
        };
      }),
    );
    this.versions.set(streamId, result.version);
    return result.position;
  }

  /** Read models on `path` (default in memory), caught up with everything recorded so far. */
  async readModels(path = ':memory:', store: EventStore = this.store): Promise<ReadModels> {
    const models = ReadModels.open(path, store);
    await models.runner.catchUp();
    return models;
  }
}

/** A temporary directory for read-model files; `cleanup()` removes it. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pks-projections-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The tables of one read model (prefix `rm_<name>`), or of every read model (prefix `rm`). */
export function tablesOf(db: Database.Database, prefix = 'rm'): string[] {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
  return (names as string[]).filter((name) => name === prefix || name.startsWith(`${prefix}_`));
}

/**
 * Every row of every `rm_*` table (and the quarantine), or of one read model's tables, in the order of all
 * their columns: to compare two read models.
 */
export function snapshot(db: Database.Database, prefix?: string): Record<string, unknown[]> {
  const tables = prefix === undefined ? [...tablesOf(db), 'projection_quarantine'] : tablesOf(db, prefix);
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.map((c) => `"${c}"`).join(', ')}`).all();
  }
  return rows;
}

// ---- Agreements of DOMAIN.md and its illustrative neighbours (region codes are Kemendagri's). ----

export { SUMBA_BARAT_DAYA, LUWU_TIMUR };

/** Provinsi Sulawesi Tengah (72), signed 2025-09-24 from APBD-P; period and budget illustrative. */
export const SULAWESI_TENGAH: SignAgreement['data'] = {
  agreementId: 'sulteng-2025',
  pksNumber: 'PKS/72/IX/2025',
  pemda: { regionCode: '72', name: 'Provinsi Sulawesi Tengah' },
  branch: { code: 'KC-PALU', name: 'BPJS Ketenagakerjaan KC Palu' },
  signedOn: '2025-09-24',
  coverage: { start: '2025-10-01', end: '2025-12-31' },
  programs: ['JKK', 'JKM'],
  funding: { source: 'APBD-P', budget: 100_402 * 3 * 16_800 },
};

/** A regency of Sulawesi Tengah (72.01); everything else illustrative. */
export const BANGGAI_KEPULAUAN: SignAgreement['data'] = {
  agreementId: 'bangkep-2025',
  pksNumber: 'PKS/72.01/X/2025',
  pemda: { regionCode: '72.01', name: 'Kabupaten Banggai Kepulauan' },
  branch: { code: 'KCP-LUWUK', name: 'BPJS Ketenagakerjaan KCP Luwuk' },
  signedOn: '2025-10-15',
  coverage: { start: '2025-11-01', end: '2026-01-31' },
  programs: ['JKK', 'JKM'],
  funding: { source: 'APBD', budget: 500_000_000 },
};

/** Kota Palu (72.71), another region below the province. */
export const KOTA_PALU: SignAgreement['data'] = {
  ...BANGGAI_KEPULAUAN,
  agreementId: 'palu-2025',
  pksNumber: 'PKS/72.71/X/2025',
  pemda: { regionCode: '72.71', name: 'Kota Palu' },
  coverage: { start: '2025-10-01', end: '2025-12-31' },
};

export function signed(data: SignAgreement['data']) {
  return agreementSigned(data);
}

export function periodExtended(previousEnd: CalendarDate, newEnd: CalendarDate, budget: number): AgreementEvent {
  return {
    type: 'PeriodExtended',
    data: { previousEnd, newEnd, additionalBudget: 0, budget, reference: 'SK APBD-P 2025' },
  };
}

export function terminated(effectiveDate: CalendarDate): AgreementEvent {
  return { type: 'AgreementTerminated', data: { effectiveDate, reason: 'pemutusan PKS' } };
}

export function withdrawn(nik: string, effectiveDate: CalendarDate): AgreementEvent {
  return { type: 'MemberWithdrawn', data: { nik, effectiveDate, reason: 'pindah domisili' } };
}

export function premiumPaid(paymentId: string, amount: number, paidOn: CalendarDate): AgreementEvent {
  return { type: 'PremiumPaymentRecorded', data: { paymentId, amount, paidOn, reference: `SP2D-${paymentId}` } };
}

/** A JKK death (work accident) at the default income: 48 x 1,000,000 + 12,000,000 + 10,000,000 = 70,000,000. */
export function workAccidentDeathPaid(
  nik: string,
  dateOfDeath: CalendarDate,
  paidOn: CalendarDate = dateOfDeath,
): DeathBenefitPaid {
  return {
    type: 'DeathBenefitPaid',
    data: {
      claimId: `klaim-${nik}`,
      nik,
      dateOfDeath,
      cause: 'work-accident',
      heir: { name: 'Ahli Waris', relationship: 'child' },
      paidOn,
      benefit: {
        program: 'JKK',
        components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        total: 70_000_000,
        scholarshipEligible: true,
        scholarship: { maxChildren: 2, contributionMonths: 3 },
        scheduleBasis: 'PP 82/2019',
      },
    },
  };
}

/** A member who died, and whose benefit was paid under another agreement. */
export function memberDied(nik: string, dateOfDeath: CalendarDate, benefitAgreementId: string): AgreementEvent {
  return {
    type: 'MemberDied',
    data: { nik, dateOfDeath, benefitAgreementId, benefitClaimId: `klaim-${nik}` },
  };
}

/** `naturalDeathPaid` with a payment date other than the date of death. */
export function paidOn(event: DeathBenefitPaid, date: CalendarDate): DeathBenefitPaid {
  return { ...event, data: { ...event.data, paidOn: date } };
}
