import type { AgreementCommand, SignAgreement } from '@pks/domain';
import { members, nik, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { RecordedEvent } from '@pks/event-store';
import { applicationOver, everything } from '../testing/application-harness';

/** Rule 2 across agreements, as a process on the feed: events in, commands out. */
const PROVINCE = 'sulteng-2025-pks';
const REGENCY = 'palu-2025-pks';
const OTHER = 'sbd-2025-pks-01';
const WORKER = nik(7);

const signed = (agreementId: string, regionCode: string): AgreementCommand => ({
  type: 'SignAgreement',
  data: {
    ...SUMBA_BARAT_DAYA,
    agreementId,
    pemda: { regionCode, name: `Pemda ${regionCode}` },
  } as SignAgreement['data'],
});
const enrol = (niks: string[]): AgreementCommand => ({
  type: 'EnrollCohort',
  data: { cohortId: 'nelayan', name: 'Nelayan', members: members(10).filter((m) => niks.includes(m.nik)) },
});
const death = (claimId = 'JKM-7'): AgreementCommand => ({
  type: 'PayDeathBenefit',
  data: {
    claimId,
    nik: WORKER,
    dateOfDeath: '2025-11-01',
    cause: 'natural',
    heir: { name: 'Yohana Bulu', relationship: 'spouse' },
    paidOn: '2025-11-05',
  },
});

/** The province and the regency both enrol the worker; another agreement does not. */
async function given() {
  const app = applicationOver();
  for (const [id, region] of [
    [PROVINCE, '72'],
    [REGENCY, '72.71'],
    [OTHER, '53.18'],
  ] as const)
    await app.send(id, signed(id, region));
  await app.send(PROVINCE, enrol([WORKER, nik(1)]));
  await app.send(REGENCY, enrol([WORKER]));
  await app.send(OTHER, enrol([nik(1)]));
  return app;
}

const last = async (app: ReturnType<typeof applicationOver>): Promise<RecordedEvent> => {
  const all = await everything(app.store);
  return all[all.length - 1];
};

describe('the death-spread reactor', () => {
  it('asks every other agreement that enrolled the worker to record the death, and no one else', async () => {
    const app = await given();
    await app.send(PROVINCE, death());
    expect(await app.deathSpread.commandsFor(await last(app))).toEqual([
      {
        agreementId: REGENCY,
        command: {
          type: 'RecordMemberDeath',
          data: { nik: WORKER, dateOfDeath: '2025-11-01', benefitAgreementId: PROVINCE, benefitClaimId: 'JKM-7' },
        },
      },
    ]);
  });

  it('asks nothing of events other than a benefit paid', async () => {
    const app = await given();
    for (const event of await everything(app.store)) expect(await app.deathSpread.commandsFor(event)).toEqual([]);
  });

  it('asks nothing when the worker was enrolled by the paying agreement alone', async () => {
    const app = await given();
    const alone = nik(5);
    await app.send(REGENCY, { type: 'EnrollCohort', data: { cohortId: 'nelayan', members: members(6).slice(5) } });
    await app.send(REGENCY, {
      ...death('JKM-5'),
      data: { ...death().data, claimId: 'JKM-5', nik: alone },
    } as AgreementCommand);
    expect(await app.deathSpread.commandsFor(await last(app))).toEqual([]);
  });

  it('ends the coverage elsewhere once its runner catches up, however late, with the payer and role as actor', async () => {
    const app = await given();
    await app.send(PROVINCE, death(), { actor: 'officer@bpjs-palu', role: 'branch-officer' });
    // The process died right after the benefit's append: a new runner starts from the stored checkpoint.
    const runner = app.deathSpreadRunner();
    await runner.catchUp();
    const benefit = (await app.store.readStream(`agreement-${PROVINCE}`)).at(-1);
    expect(benefit?.type).toBe('DeathBenefitPaid');
    // The page that sent a command is saved at once; what only read events calling for none, on stop at latest.
    expect(await app.store.readCheckpoint('death-spread')).toBeGreaterThanOrEqual(benefit?.position ?? Infinity);
    await runner.stop();
    const regency = await app.store.readStream(`agreement-${REGENCY}`);
    const died = regency[regency.length - 1];
    expect(died).toMatchObject({ type: 'MemberDied', data: { nik: WORKER, dateOfDeath: '2025-11-01' } });
    expect(died.metadata).toMatchObject({
      actor: 'officer@bpjs-palu',
      role: 'branch-officer',
      via: 'reactor:death-spread',
    });
    expect(await app.store.readCheckpoint('death-spread')).toBe(await app.store.headPosition());
  });

  it('follows the feed by the types it reacts to, decoding no other event, up to the head', async () => {
    const app = await given();
    await app.send(PROVINCE, death());
    const readAll = app.store.readAll.bind(app.store);
    app.store.readAll = async () => {
      throw new Error('the reactor read every event');
    };
    const runner = app.deathSpreadRunner();
    await runner.catchUp();
    app.store.readAll = readAll;
    const regency = await app.store.readStream(`agreement-${REGENCY}`);
    expect(regency.at(-1)?.type).toBe('MemberDied');
    expect(runner.status()).toMatchObject({ position: await app.store.headPosition(), lastError: null });
  });

  it('records the death once when it processes the same events again (a crash before its checkpoint)', async () => {
    const app = await given();
    await app.send(PROVINCE, death());
    await app.deathSpreadRunner().catchUp();
    const head = await app.store.headPosition();
    await app.store.saveCheckpoint('death-spread', 0); // cannot go back: a saved checkpoint only moves forward
    const forgetful = app.deathSpreadRunner();
    Object.assign(app.store, { readCheckpoint: async () => 0 });
    await forgetful.catchUp();
    expect(await app.store.headPosition()).toBe(head);
  });

  it('stops at an event whose commands fail, reports it, and goes on from there at the next pass', async () => {
    const app = await given();
    await app.send(PROVINCE, death());
    const runner = app.deathSpreadRunner();
    const append = app.store.append.bind(app.store);
    app.store.append = async () => {
      throw new Error('disk full');
    };
    await runner.catchUp();
    expect(runner.status()).toMatchObject({ name: 'death-spread', lastError: expect.stringMatching(/disk full/) });
    app.store.append = append;
    await runner.catchUp();
    expect(runner.status().lastError).toBeNull();
    expect((await app.store.readStream(`agreement-${REGENCY}`)).map((e) => e.type)).toContain('MemberDied');
  });
});
