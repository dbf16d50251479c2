/**
 * The streams of the ledger, declared once: every reader (command handlers, projections, the EventStoreDB
 * feed's filter) takes its categories from here, so a new category cannot be missed by one of them.
 */
export const STREAM_CATEGORIES = ['agreement', 'person'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/** Stream id prefixes of the categories (`agreement-`, `person-`). */
export const STREAM_PREFIXES: readonly string[] = STREAM_CATEGORIES.map((category) => `${category}-`);

export function streamIdOf(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}
