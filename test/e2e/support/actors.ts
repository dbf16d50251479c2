import type { NestExpressApplication } from '@nestjs/platform-express';
import { EVENT_STORE, type EventStore } from '@pks/event-store';

/** Subjects of the tokens issued in this test file: the only actors events written through the API may name. */
const issued = new Set<string>();

export function recordIssued(subject: string): void {
  issued.add(subject);
}

/**
 * Actors of the app's events that are neither a subject of a token issued here nor one the test declared as
 * appending outside the API. A store that can no longer be read (a fault test's) is not checked.
 */
export async function actorsNotIssued(app: NestExpressApplication, outsideApi: readonly string[]): Promise<string[]> {
  const store = app.get<EventStore>(EVENT_STORE);
  const strangers = new Set<string>();
  try {
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 1_000 });
      if (page.length === 0) break;
      for (const event of page) {
        const { actor } = event.metadata;
        if (!issued.has(actor) && !outsideApi.includes(actor)) strangers.add(actor);
      }
      after = page[page.length - 1].position;
    }
  } catch {
    return [];
  }
  return [...strangers];
}
