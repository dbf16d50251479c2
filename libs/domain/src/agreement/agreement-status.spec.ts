import { agreementStatus } from './agreement-status';

describe('the status of an agreement on a day', () => {
  const sumba = { terminated: false, lastCoveredDay: '2025-12-31' };

  it('is active through its last covered day', () => {
    expect(agreementStatus(sumba, '2025-11-10')).toBe('active');
    expect(agreementStatus(sumba, '2025-12-31')).toBe('active');
  });

  it('is expired from the day after its last covered day', () => {
    expect(agreementStatus(sumba, '2026-01-01')).toBe('expired');
  });

  it('is terminated once a termination is recorded, even before it takes effect and long after', () => {
    const palu = { terminated: true, lastCoveredDay: '2025-10-31' };
    expect(agreementStatus(palu, '2025-10-15')).toBe('terminated');
    expect(agreementStatus(palu, '2027-01-01')).toBe('terminated');
  });
});
