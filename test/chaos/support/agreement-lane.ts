import { randomInt } from 'node:crypto';
import type { ChaosCommand, CommandKind, Outcome } from './client';
import { laneNik, type SharedPeople } from './people';

/** Pemda region codes the lanes' agreements belong to (provinces and their regencies, for the region queries). */
const REGIONS = ['72', '72.01', '72.71', '73.26', '53.18', '71.11'];
const ENDS = ['2025-06-30', '2025-12-31', '2026-06-30'];
const BUDGET = 1_000_000_000_000;

interface Member {
  readonly nik: string;
  readonly shared: boolean;
}

/**
 * One client's agreement and what that client knows of it from its own acknowledged commands: it signs, enrols,
 * pays, extends, withdraws, pays death benefits, and finally terminates, then starts a new agreement. Every
 * command is valid for what the client knows; what another client changed meanwhile (a death paid under another
 * agreement ends coverage here) may get it refused, which the domain decides, not the suite.
 */
export class AgreementLane {
  private agreementNo = -1;
  private agreementId = '';
  private signed = false;
  private endIndex = 0;
  private stepsLeft = 0;
  private serial = 0;
  private counter = 0;
  private cohorts: string[] = [];
  private lastPayment: Record<string, unknown> | null = null;
  private alive: Member[] = [];

  constructor(
    private readonly lane: number,
    private readonly shared: SharedPeople,
  ) {
    this.startAgreement();
  }

  /** The next commands to send: usually one, sometimes a burst of payments sent at once (lost races). */
  next(): ChaosCommand[] {
    if (!this.signed) return [this.sign()];
    if (this.cohorts.length === 0) return [this.enrolCohort()];
    if (this.stepsLeft <= 0) return [this.terminate()];
    this.stepsLeft -= 1;
    const roll = randomInt(100);
    if (roll < 8) return [this.payment(), this.payment(), this.payment()];
    if (roll < 35) return [this.payment()];
    if (roll < 52) return [this.enrolBatch()];
    if (roll < 56) return [this.enrolCohort()];
    const death = roll >= 56 && roll < 70 ? this.death() : null;
    if (death) return [death];
    const withdrawal = roll >= 70 && roll < 84 ? this.withdraw() : null;
    if (withdrawal) return [withdrawal];
    if (roll < 88 && this.endIndex < ENDS.length - 1) return [this.extend()];
    // Commands the domain refuses (a payment recorded twice, a NIK enrolled twice): a refusal appends nothing.
    if (roll < 92 && this.lastPayment)
      return [this.command('payment', `/${this.agreementId}/premium-payments`, this.lastPayment)];
    if (roll < 94 && this.alive.length > 0) return [this.enrolAgain(this.alive[randomInt(this.alive.length)].nik)];
    return [this.payment()];
  }

  /** Learns from a command's definitive answer. */
  answered(command: ChaosCommand, outcome: Outcome): void {
    const acknowledged = outcome.kind === 'acknowledged';
    switch (command.kind) {
      case 'sign':
        // An agreement id is used once, ever: a refused or unresolved signature moves on to a new one.
        if (acknowledged) this.signed = true;
        else this.startAgreement();
        return;
      case 'enrol-cohort':
      case 'enrol-batch':
        if (acknowledged) this.enrolled(command);
        return;
      case 'extend':
        if (acknowledged) this.endIndex += 1;
        return;
      case 'terminate':
        this.startAgreement();
        return;
      case 'death':
      case 'withdraw':
        // Paid, withdrawn, or refused (the death was paid elsewhere, coverage ended): not chosen again.
        this.alive = this.alive.filter((member) => member.nik !== command.nik);
        return;
      case 'payment':
        if (acknowledged) this.lastPayment = command.body;
        return;
      default: {
        const unknownKind: never = command.kind;
        throw new Error(`unknown command ${String(unknownKind)}`);
      }
    }
  }

  private startAgreement(): void {
    this.agreementNo += 1;
    this.agreementId = `chaos-${this.lane}-${this.agreementNo}`;
    [this.signed, this.endIndex, this.cohorts, this.alive, this.lastPayment] = [false, 0, [], [], null];
    this.serial = 0;
    this.stepsLeft = 15 + randomInt(40);
  }

  private command(kind: CommandKind, path: string, body: Record<string, unknown>, nik?: string): ChaosCommand {
    this.counter += 1;
    const key = `chaos-${this.lane}-${this.agreementNo}-${this.counter}-${kind}`;
    return { key, kind, agreementId: this.agreementId, path: `/agreements${path}`, body, nik };
  }

  private sign(): ChaosCommand {
    const regionCode = REGIONS[this.lane % REGIONS.length];
    return this.command('sign', '', {
      agreementId: this.agreementId,
      pksNumber: `560/${this.lane}/${this.agreementNo}/CHAOS/2025`,
      pemda: { regionCode, name: `Pemda ${regionCode}` },
      branch: { code: `CHAOS${this.lane % 4}`, name: `Kantor Cabang ${this.lane % 4}` },
      signedOn: '2025-01-05',
      coverage: { start: '2025-01-01', end: ENDS[0] },
      programs: ['JKK', 'JKM'],
      funding: { source: 'APBD', budget: BUDGET },
    });
  }

  private enrolCohort(): ChaosCommand {
    const cohortId = `kelompok-${this.cohorts.length + 1}`;
    // The first cohort of a lane's first agreement also enrols the people this lane shares with its twin lane.
    const extra = this.agreementNo === 0 && this.cohorts.length === 0 ? this.shared.peopleOf(this.lane) : [];
    const members = [...this.newNiks(10 + randomInt(40)), ...extra].map(memberRow);
    return this.command('enrol-cohort', `/${this.agreementId}/cohorts`, {
      cohortId,
      name: `Kelompok ${cohortId}`,
      members,
    });
  }

  private enrolBatch(): ChaosCommand {
    const cohortId = this.cohorts[randomInt(this.cohorts.length)];
    const members = this.newNiks(1 + randomInt(30)).map(memberRow);
    return this.command('enrol-batch', `/${this.agreementId}/cohorts/${cohortId}/members`, { members });
  }

  /** A batch with new people and one already enrolled: refused whole (MEMBER_ALREADY_ENROLLED). */
  private enrolAgain(nik: string): ChaosCommand {
    const members = [...this.newNiks(1 + randomInt(5)), nik].map(memberRow);
    return this.command('enrol-batch', `/${this.agreementId}/cohorts/${this.cohorts[0]}/members`, { members });
  }

  private enrolled(command: ChaosCommand): void {
    const body = command.body as { cohortId?: string; members: { nik: string }[] };
    if (command.kind === 'enrol-cohort' && body.cohortId) this.cohorts.push(body.cohortId);
    for (const { nik } of body.members) {
      const shared = this.shared.isShared(nik);
      if (shared) this.shared.enrolled(nik, this.agreementId);
      this.alive.push({ nik, shared });
    }
  }

  private payment(): ChaosCommand {
    const paymentId = `sp2d-${this.lane}-${this.agreementNo}-${this.counter + 1}`;
    const amount = 16_800 * (1 + randomInt(500));
    return this.command('payment', `/${this.agreementId}/premium-payments`, {
      paymentId,
      amount,
      paidOn: '2025-02-15',
      reference: `SP2D ${paymentId}`,
    });
  }

  /** A member this client believes alive and covered; a shared person only once both agreements enrolled them. */
  private death(): ChaosCommand | null {
    const member = this.pickAlive((m) => !m.shared || this.shared.mayDie(m.nik));
    if (member === null) return null;
    const day = 1 + randomInt(28);
    const month = 2 + randomInt(4);
    const dateOfDeath = `2025-0${month}-${String(day).padStart(2, '0')}`;
    const paidOn = `2025-0${month + 1}-01`;
    return this.command(
      'death',
      `/${this.agreementId}/death-benefits`,
      {
        claimId: `jkm-${this.lane}-${this.agreementNo}-${this.counter + 1}`,
        nik: member.nik,
        dateOfDeath,
        cause: randomInt(10) === 0 ? 'work-accident' : 'natural',
        heir: { name: 'Ahli Waris', relationship: 'spouse' },
        paidOn,
      },
      member.nik,
    );
  }

  /** Shared people stay enrolled in both agreements, so that their death is recorded across agreements. */
  private withdraw(): ChaosCommand | null {
    const member = this.pickAlive((m) => !m.shared);
    if (member === null) return null;
    const body = { effectiveDate: '2025-05-01', reason: 'menjadi pekerja penerima upah' };
    return this.command('withdraw', `/${this.agreementId}/members/${member.nik}/withdrawal`, body, member.nik);
  }

  private extend(): ChaosCommand {
    return this.command('extend', `/${this.agreementId}/extensions`, {
      newEnd: ENDS[this.endIndex + 1],
      additionalBudget: 16_800 * 1_000,
      reference: `Perda APBD-P ${this.agreementNo}`,
    });
  }

  private terminate(): ChaosCommand {
    // After every death the lanes pay (on 2025-05-28 at the latest): a termination may not reach back past one.
    return this.command('terminate', `/${this.agreementId}/termination`, {
      effectiveDate: '2025-06-29',
      reason: 'realokasi anggaran',
    });
  }

  private pickAlive(eligible: (member: Member) => boolean): Member | null {
    const candidates = this.alive.filter(eligible);
    return candidates.length > 0 ? candidates[randomInt(candidates.length)] : null;
  }

  private newNiks(count: number): string[] {
    return Array.from({ length: count }, () => laneNik(this.lane, this.agreementNo, (this.serial += 1)));
  }
}

function memberRow(nik: string) {
  return { nik, name: `Pekerja ${nik.slice(-4)}`, occupation: 'nelayan', villageCode: '72.01.01.2001' };
}
