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
