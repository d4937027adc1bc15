import type { TransformSpec } from '../contract/data-contract.js';
import type { Violation } from '../records/processed-row.js';
import { describeDuplicateColumns, planColumns } from '../transforms/column-plan.js';
import { LINEAGE_NAMES } from '../transforms/lineage.js';

/** Where each raw key's value goes: a field index (≥ 0), an unknown-field slot (−1 − slot) or nowhere. */
export const DROPPED = -0x7fffffff;

export interface KeyLayout {
  readonly keys: readonly string[];
  readonly targets: Int32Array;
  /** Output names of the unknown fields that are kept, by slot. */
  readonly unknownNames: readonly string[];
  /** Set when raw names collide after renaming: the records cannot be mapped without losing data. */
  readonly problem: Violation | null;
}

const MAX_CACHED_LAYOUTS = 256;

/**
 * Renaming decided once per distinct key set rather than per record: CSV rows all share
 * one key set, JSON records usually a handful.
 */
export class KeyLayouts {
  private last: KeyLayout | null = null;
  private readonly cache = new Map<string, KeyLayout>();

  constructor(
    private readonly fieldIndex: ReadonlyMap<string, number>,
    private readonly transforms: Pick<TransformSpec, 'snakeCaseFields'>,
    private readonly keepUnknown: boolean,
  ) {}

  layoutFor(record: object): KeyLayout {
    const last = this.last;
    if (last !== null && hasKeys(record, last.keys)) return last;
    const keys = Object.keys(record);
    const cacheKey = keys.join('\u0000');
    let layout = this.cache.get(cacheKey);
    if (!layout) {
      if (this.cache.size >= MAX_CACHED_LAYOUTS) this.cache.clear();
      layout = this.build(keys);
      this.cache.set(cacheKey, layout);
    }
    this.last = layout;
    return layout;
  }

  private build(keys: string[]): KeyLayout {
    const plan = planColumns(keys, this.transforms);
    if (!plan.ok) {
      const kept = plan.duplicates.filter((d) => this.fieldIndex.has(d.name) || (this.keepUnknown && !LINEAGE_NAMES.has(d.name)));
      if (kept.length > 0) {
        const message = `field names collide after renaming: ${describeDuplicateColumns(kept)}`;
        return {
          keys,
          targets: new Int32Array(0),
          unknownNames: [],
          problem: { rule: 'DistinctColumnNames', action: 'halt', message },
        };
      }
    }
    const targets = new Int32Array(keys.length);
    const unknownNames: string[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < keys.length; i++) {
      const name = plan.ok ? plan.mapping.get(keys[i])! : this.rename(keys[i]);
      const index = this.fieldIndex.get(name);
      if (index !== undefined) targets[i] = index;
      // Lineage columns are the pipeline's to write: an input that carries them (a re-ingested output) loses its old ones.
      else if (!this.keepUnknown || LINEAGE_NAMES.has(name) || taken.has(name)) targets[i] = DROPPED;
      else targets[i] = -1 - (unknownNames.push(name) - 1);
      taken.add(name);
    }
    return { keys, targets, unknownNames, problem: null };
  }

  private rename(key: string): string {
    const plan = planColumns([key], this.transforms);
    return plan.ok ? plan.mapping.get(key)! : key;
  }
}

/**
 * Same keys in the same order, checked without allocating a key array (for-in walks V8's
 * enum cache). Inherited enumerable keys would make the count differ, so such records just
 * take the Object.keys path.
 */
function hasKeys(record: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in record) {
    if (key !== keys[i++]) return false;
  }
  return i === keys.length;
}
