import { Upcaster, type UpcastStep } from '../shared/upcasting';
import { PERSON_EVENT_SCHEMA_VERSIONS } from '../person/person.decider';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS } from './agreement.events';

/** Steps from older schema versions of the product's events. None yet: every event type is at version 1. */
export const UPCAST_STEPS: readonly UpcastStep[] = [];

/** Upcaster for every stream type of the product. */
export const eventUpcaster = new Upcaster(
  { ...AGREEMENT_EVENT_SCHEMA_VERSIONS, ...PERSON_EVENT_SCHEMA_VERSIONS },
  UPCAST_STEPS,
);
