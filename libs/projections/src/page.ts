/** A page of a long answer: at most `limit` items after skipping `offset`. Totals always cover every match. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export const FIRST_PAGE: Page = { limit: 100, offset: 0 };
