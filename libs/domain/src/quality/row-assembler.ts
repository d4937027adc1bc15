import type { ProcessedRow } from '../records/processed-row.js';
import { appendLineage, type LineageContext } from '../transforms/lineage.js';
import type { KeyLayout } from './key-layout.js';
import { jsonValueText, keyFragment, lineageFragments } from './row-json.js';

/**
 * Builds ProcessedRows for one ingestion: `values` with contract fields (contract order),
 * then kept unknown fields, then lineage; `json` as the same object's JSON text, built from
 * precomputed key fragments; `recordKey` as the JSON array of primary key values.
 */
export class RowAssembler {
  private readonly fieldKeys: readonly string[];
  private readonly lineageJson: { readonly head: string; readonly tail: string };

  constructor(
    private readonly names: readonly string[],
    private readonly primaryKey: readonly number[],
    private readonly lineage: LineageContext,
  ) {
    this.fieldKeys = names.map((name, i) => keyFragment(name, i === 0));
    this.lineageJson = lineageFragments(lineage);
  }

  row(
    typed: readonly unknown[],
    extras: readonly unknown[] | null,
    layout: KeyLayout,
    rowNumber: number,
    recordKey: string | null,
  ): ProcessedRow {
    return {
      rowNumber,
      recordKey,
      values: this.values(typed, extras, layout, rowNumber),
      json: this.json(typed, extras, layout, rowNumber),
    };
  }

  /** `[7]`, `[7,"open"]`; null without a primary key. */
  recordKey(typed: readonly unknown[]): string | null {
    const pk = this.primaryKey;
    if (pk.length === 0) return null;
    let key = '[';
    for (let k = 0; k < pk.length; k++) key += (k === 0 ? '' : ',') + jsonValueText(typed[pk[k]]);
    return key + ']';
  }

  hasNullKeyPart(typed: readonly unknown[]): boolean {
    const pk = this.primaryKey;
    for (let k = 0; k < pk.length; k++) if (typed[pk[k]] === null) return true;
    return false;
  }

  private values(
    typed: readonly unknown[],
    extras: readonly unknown[] | null,
    layout: KeyLayout,
    rowNumber: number,
  ): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const names = this.names;
    for (let f = 0; f < names.length; f++) values[names[f]] = typed[f];
    if (extras !== null) for (let k = 0; k < extras.length; k++) values[layout.unknownNames[k]] = extras[k];
    appendLineage(values, this.lineage, rowNumber);
    return values;
  }

  private json(typed: readonly unknown[], extras: readonly unknown[] | null, layout: KeyLayout, rowNumber: number): string {
    const keys = this.fieldKeys;
    let json = '';
    for (let f = 0; f < keys.length; f++) json += keys[f] + jsonValueText(typed[f]);
    if (extras !== null) for (let k = 0; k < extras.length; k++) json += layout.unknownKeys[k] + jsonValueText(extras[k]);
    return json + (json === '' ? '{' : ',') + this.lineageJson.head + rowNumber + this.lineageJson.tail;
  }
}
