/** The end of the event store's global order, so a live feed can start at "now" without reading history. */
export abstract class EventLogHead {
  /** Position of the newest event, 0 when there is none. @example const start = await head.latestPosition() */
  abstract latestPosition(): Promise<number>;
}
