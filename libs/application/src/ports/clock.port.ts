/** The time of the world, given to handlers so that the domain never reads a clock. */
export interface Clock {
  /** The current UTC instant, ISO-8601. */
  now(): string;
}
export const CLOCK = Symbol('CLOCK');

/** Unique ids (event ids, command ids), given to handlers so that the domain never makes one. */
export interface IdGenerator {
  newId(): string;
}
export const ID_GENERATOR = Symbol('ID_GENERATOR');
