/** Time source, injected so aggregates and handlers never read the wall clock themselves. */
export abstract class Clock {
  /** @example clock.now().toISOString() */
  abstract now(): Date;
}
