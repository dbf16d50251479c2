import type { CalendarMonth } from '../shared/calendar-date';

/**
 * Rule 8: what the Pemda still owes and what goes back to it. Months no longer due (after a death, a withdrawal
 * or a termination) leave the expected premium, so a payment made for them becomes refundable.
 */
export interface PremiumBalance {
  /** max(0, expected - paid), rupiah. */
  readonly outstanding: number;
  /** max(0, paid - expected), rupiah. */
  readonly refundable: number;
}

export function premiumBalance(expected: number, paid: number): PremiumBalance {
  return { outstanding: Math.max(0, expected - paid), refundable: Math.max(0, paid - expected) };
}

/** A month's premium due, rupiah. */
export interface DueMonth {
  readonly month: CalendarMonth;
  readonly expected: number;
}

/** What the allocation adds to a month: the part of the payments it received and what it still lacks. */
export interface Allocation {
  readonly paid: number;
  readonly outstanding: number;
}

/**
 * Rule 8: what has been paid (every payment not reversed) is allocated to the months in order, the earliest due
 * month first, each month up to its expected premium; what is left once every month is paid is refundable.
 * Months come back in month order, each with `paid` and `outstanding` added.
 */
export function allocatePayments<M extends DueMonth>(
  months: readonly M[],
  paid: number,
): { months: (M & Allocation)[]; refundable: number } {
  let left = paid;
  const allocated = [...months]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((month) => {
      const share = Math.min(left, Math.max(0, month.expected));
      left -= share;
      return { ...month, paid: share, outstanding: month.expected - share };
    });
  return { months: allocated, refundable: left };
}
