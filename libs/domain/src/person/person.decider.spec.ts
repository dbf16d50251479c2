import { evolvePerson, initialPersonState, type PersonEvent } from './person.decider';

const claimed = (claimId: string, agreementId = 'sbd-2025-pks-01'): PersonEvent => ({
  type: 'DeathBenefitClaimed',
  data: { nik: '5318014107900001', agreementId, claimId },
});
const released = (claimId: string, agreementId = 'sbd-2025-pks-01'): PersonEvent => ({
  type: 'DeathBenefitClaimReleased',
  data: { nik: '5318014107900001', agreementId, claimId, reason: 'NOT_COVERED' },
});

describe('a person stream written before the index (read as history)', () => {
  it('holds the claim appended last', () => {
    expect([claimed('jkm-1')].reduce(evolvePerson, initialPersonState)).toEqual({
      status: 'claimed',
      agreementId: 'sbd-2025-pks-01',
      claimId: 'jkm-1',
    });
  });

  it('is unclaimed again once that claim was released', () => {
    expect([claimed('jkm-1'), released('jkm-1')].reduce(evolvePerson, initialPersonState)).toEqual(initialPersonState);
  });

  it('keeps a claim that a release of another claim does not name', () => {
    const state = [claimed('jkm-1'), released('jkm-2'), released('jkm-1', 'other-agreement')].reduce(
      evolvePerson,
      initialPersonState,
    );
    expect(state).toMatchObject({ status: 'claimed', claimId: 'jkm-1' });
  });
});
