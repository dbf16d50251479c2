import { allocatePayments, premiumBalance } from './premium-balance';

describe('Rule 8: outstanding and refundable premium', () => {
  it('Sumba Barat Daya before any payment: all Rp282,240,000 outstanding', () => {
    expect(premiumBalance(282_240_000, 0)).toEqual({ outstanding: 282_240_000, refundable: 0 });
  });

  it('paid in full: nothing outstanding, nothing refundable', () => {
    expect(premiumBalance(282_240_000, 282_240_000)).toEqual({ outstanding: 0, refundable: 0 });
  });

  it('paid in full, then an October death makes two months not due: Rp33,600 refundable', () => {
    expect(premiumBalance(282_240_000 - 2 * 16_800, 282_240_000)).toEqual({ outstanding: 0, refundable: 33_600 });
  });
});

describe('Rule 8: payments allocated to months, the earliest due month first', () => {
  const SUMBA_MONTH = 5_600 * 16_800; // Rp94,080,000 a month for 5,600 workers
  const sumbaMonths = ['2025-12', '2025-10', '2025-11'].map((month) => ({ month, expected: SUMBA_MONTH }));

  it('Rp150,000,000 pays October in full, part of November, nothing of December', () => {
    expect(allocatePayments(sumbaMonths, 150_000_000)).toEqual({
      months: [
        { month: '2025-10', expected: 94_080_000, paid: 94_080_000, outstanding: 0 },
        { month: '2025-11', expected: 94_080_000, paid: 55_920_000, outstanding: 38_160_000 },
        { month: '2025-12', expected: 94_080_000, paid: 0, outstanding: 94_080_000 },
      ],
      refundable: 0,
    });
  });

  it('nothing paid: every month wholly outstanding', () => {
    const { months, refundable } = allocatePayments(sumbaMonths, 0);
    expect(months.map((m) => [m.paid, m.outstanding])).toEqual([
      [0, SUMBA_MONTH],
      [0, SUMBA_MONTH],
      [0, SUMBA_MONTH],
    ]);
    expect(refundable).toBe(0);
  });

  it('more than every month expects: each month paid in full, the rest refundable', () => {
    const { months, refundable } = allocatePayments(sumbaMonths, 282_240_000 + 33_600);
    expect(months.every((m) => m.paid === SUMBA_MONTH && m.outstanding === 0)).toBe(true);
    expect(refundable).toBe(33_600);
  });

  it('the months keep what else they carry (person-months)', () => {
    const { months } = allocatePayments([{ month: '2025-10', personMonths: 5_600, expected: SUMBA_MONTH }], 1);
    expect(months).toEqual([
      { month: '2025-10', personMonths: 5_600, expected: SUMBA_MONTH, paid: 1, outstanding: SUMBA_MONTH - 1 },
    ]);
  });

  it('the months allocated add up to what premiumBalance says', () => {
    const paid = 200_000_000;
    const { months, refundable } = allocatePayments(sumbaMonths, paid);
    const outstanding = months.reduce((sum, m) => sum + m.outstanding, 0);
    expect({ outstanding, refundable }).toEqual(premiumBalance(3 * SUMBA_MONTH, paid));
  });
});
