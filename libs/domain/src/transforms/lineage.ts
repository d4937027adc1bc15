import { LINEAGE_FIELDS } from '../contract/data-contract.js';

/** Where a processed record came from; the same for every record of one ingestion. */
export interface LineageContext {
  readonly ingestionId: string;
  /** The raw object key (or payload key) the record was read from. */
  readonly source: string;
  /** ISO-8601 UTC. */
  readonly ingestedAt: string;
}

export interface LineageValues {
  readonly _ingestion_id: string;
  readonly _source: string;
  readonly _row: number;
  readonly _ingested_at: string;
}

/** Names the lineage columns take; record fields with these names are never passed through. */
export const LINEAGE_NAMES: ReadonlySet<string> = new Set(LINEAGE_FIELDS.map((f) => f.name));

/**
 * The lineage columns of one record, keys in LINEAGE_FIELDS order.
 * @example lineageValues({ ingestionId: 'abc', source: 'raw/orders/a.csv', ingestedAt }, 7)._row // 7
 */
export function lineageValues(ctx: LineageContext, rowNumber: number): LineageValues {
  return { _ingestion_id: ctx.ingestionId, _source: ctx.source, _row: rowNumber, _ingested_at: ctx.ingestedAt };
}

/** Writes the lineage columns onto a values object being built (the preparer's hot path: no intermediate object). */
export function appendLineage(target: Record<string, unknown>, ctx: LineageContext, rowNumber: number): void {
  target._ingestion_id = ctx.ingestionId;
  target._source = ctx.source;
  target._row = rowNumber;
  target._ingested_at = ctx.ingestedAt;
}
