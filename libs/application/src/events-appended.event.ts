/** Published on the in-process EventBus after an append: read models may catch up now instead of at the next poll. */
export class EventsAppended {
  constructor(readonly position: number) {}
}
