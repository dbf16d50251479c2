import { memberRow, nik, otherAgreementBody } from '../e2e/support/bodies';
import type { JsonValue } from './fuzz-request';
import { SetupError, type SetupClient } from './setup-client';

/**
 * The agreements and members a family of cases works on, set up over HTTP on first use. Valid and hostile
 * requests live in two separate worlds, so that a hostile request the service wrongly accepts (terminating an
 * agreement, withdrawing a member) never turns a later valid request into a refusal.
 */
export type Slot = 'main' | 'deaths' | 'withdrawals' | 'extension' | 'terminable';

export interface SlotAgreement {
  readonly id: string;
  readonly regionCode: string;
  readonly cohortId: string;
  readonly start: string;
  readonly end: string;
  readonly signedOn: string;
  readonly version: number;
}

const SLOTS: readonly Slot[] = ['main', 'deaths', 'withdrawals', 'extension', 'terminable'];
const REGIONS = ['53.18', '72', '72.01', '73.24', '71.11', '73.26'];
/** Members a slot agreement is signed with, and enrolled again whenever its pool of untouched ones runs out. */
const POOL_BATCH = 40;
/** Far enough from the calendar's end (2199) that extensions never reach it. */
const LAST_EXTENSION_YEAR = 2180;

export class FuzzWorld {
  private readonly agreements = new Map<Slot, Omit<SlotAgreement, 'version' | 'end'>>();
  private readonly pools = new Map<Slot, string[]>();
  private readonly enrolled: string[] = [];
  private counter = 0;

  constructor(
    readonly name: 'valid' | 'hostile',
    private readonly setup: SetupClient,
    /** PPKKDD of this world's NIKs: the two worlds never share a person. */
    private readonly place: string,
  ) {}

  /** After the service was restarted on an empty store: set everything up again on first use. */
  reset(setup: SetupClient): FuzzWorld {
    return new FuzzWorld(this.name, setup, this.place).continueCounting(this.counter);
  }

  freshId(prefix: string): string {
    return `${this.name[0]}-${prefix}-${++this.counter}`;
  }

  freshNik(): string {
    return nik(++this.counter, { place: this.place });
  }

  /**
   * The head position, once the read models have applied it (set-up waits up to 10 s): a query sent with it as
   * `minPosition` then never meets the 300 ms consistency wait of the e2e app on a busy machine.
   */
  async caughtUpHead(): Promise<number> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { status, body } = await this.setup.get('/health');
      if (status === 200 && body.readModelPosition >= body.headPosition) return body.headPosition;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new SetupError('set-up: the read models did not catch up with the log within 10 s');
  }

  get regions(): readonly string[] {
    return REGIONS;
  }

  /** The slot's agreement, signed if need be; replaced by a new one if it was terminated or extended too far. */
  async agreement(slot: Slot): Promise<SlotAgreement> {
    const known = this.agreements.get(slot);
    if (known !== undefined) {
      const { status, body } = await this.setup.get(`/agreements/${known.id}`);
      if (status !== 200) throw new Error(`set-up: summary of ${known.id} answered ${status}`);
      const end: string = body.coverage.end;
      if (body.status !== 'terminated' && Number(end.slice(0, 4)) < LAST_EXTENSION_YEAR) {
        return { ...known, end, version: body.version };
      }
    }
    return this.sign(slot);
  }

  /** An enrolled member of the slot's agreement no case has used yet (deaths and withdrawals take one each). */
  async member(slot: Slot): Promise<{ agreement: SlotAgreement; nik: string }> {
    const agreement = await this.agreement(slot);
    const pool = this.pools.get(slot) ?? [];
    if (pool.length === 0) pool.push(...(await this.enrol(agreement)));
    this.pools.set(slot, pool);
    return { agreement, nik: pool.shift()! };
  }

  /** A payment recorded just now under the slot's agreement, that no case has reversed yet. */
  async payment(slot: Slot): Promise<{ agreement: SlotAgreement; paymentId: string }> {
    const agreement = await this.agreement(slot);
    const paymentId = this.freshId('sp2d');
    const body = { paymentId, amount: 16_800, paidOn: agreement.signedOn, reference: `SP2D ${paymentId}` };
    await this.setup.command(`/agreements/${agreement.id}/premium-payments`, body);
    return { agreement, paymentId };
  }

  /** Some member enrolled in this world (for queries by NIK); enrols the main pool first if there is none. */
  async someEnrolledNik(pick: (list: readonly string[]) => string): Promise<string> {
    if (this.enrolled.length === 0) await this.agreement('main');
    return pick(this.enrolled);
  }

  /** The agreement's stream version now (null when it does not exist). */
  async versionOf(id: string): Promise<number | null> {
    const { status, body } = await this.setup.get(`/agreements/${encodeURIComponent(id)}`);
    return status === 200 ? body.version : null;
  }

  async slotIds(): Promise<string[]> {
    if (this.agreements.size === 0) await this.agreement('main');
    return SLOTS.flatMap((slot) => this.agreements.get(slot)?.id ?? []);
  }

  private async sign(slot: Slot): Promise<SlotAgreement> {
    const id = this.freshId(slot);
    const regionCode = REGIONS[this.counter % REGIONS.length];
    const body = otherAgreementBody(id, regionCode, 0, {
      signedOn: '2025-01-10',
      coverage: { start: '2025-01-01', end: '2025-12-31' },
      funding: { source: 'APBD', budget: 10_000_000_000_000 },
    });
    await this.setup.command('/agreements', body);
    const base = { id, regionCode, cohortId: `${slot}-pool`, start: '2025-01-01', signedOn: '2025-01-10' };
    const members = this.freshMembers(slot === 'extension' ? 3 : POOL_BATCH);
    const enrolled = await this.setup.command(`/agreements/${id}/cohorts`, {
      cohortId: base.cohortId,
      name: `Pool ${slot}`,
      members: members.map((n) => memberRow(n)),
    });
    this.agreements.set(slot, base);
    this.pools.set(slot, members);
    return { ...base, end: '2025-12-31', version: enrolled.version };
  }

  private async enrol(agreement: SlotAgreement): Promise<string[]> {
    const members = this.freshMembers(POOL_BATCH);
    const body: JsonValue = { members: members.map((n) => memberRow(n)) };
    await this.setup.command(`/agreements/${agreement.id}/cohorts/${agreement.cohortId}/members`, body);
    return members;
  }

  private freshMembers(count: number): string[] {
    const list = Array.from({ length: count }, () => this.freshNik());
    this.enrolled.push(...list);
    return list;
  }

  private continueCounting(counter: number): FuzzWorld {
    this.counter = counter;
    return this;
  }
}
