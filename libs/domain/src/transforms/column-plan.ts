import type { TransformSpec } from '../contract/data-contract.js';
import { toSnakeCase } from './snake-case.js';

export interface DuplicateColumn {
  /** The output name several raw names collapse to. */
  readonly name: string;
  readonly rawNames: readonly string[];
}

/** Raw field name → output name, or the output names that more than one raw name would take. */
export type ColumnPlan =
  | { readonly ok: true; readonly mapping: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly duplicates: readonly DuplicateColumn[] };

/**
 * Decides the output name of every raw field. Two raw names that become the same
 * output name (`Order ID` and `order_id`) are an expected outcome reported as a value:
 * silently keeping one would lose data.
 * @example planColumns(['OrderID', 'Amount'], { snakeCaseFields: true }) // mapping OrderID→order_id, Amount→amount
 */
export function planColumns(rawNames: readonly string[], transforms: Pick<TransformSpec, 'snakeCaseFields'>): ColumnPlan {
  const mapping = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const raw of rawNames) {
    const name = transforms.snakeCaseFields ? toSnakeCase(raw) : raw;
    mapping.set(raw, name);
    const sources = byName.get(name);
    if (sources) {
      if (!sources.includes(raw)) sources.push(raw);
    } else {
      byName.set(name, [raw]);
    }
  }
  const duplicates: DuplicateColumn[] = [];
  for (const [name, sources] of byName) {
    if (sources.length > 1) duplicates.push({ name, rawNames: sources });
  }
  return duplicates.length ? { ok: false, duplicates } : { ok: true, mapping };
}

/** One line naming each collision, for rejection reasons and halt violations. */
export function describeDuplicateColumns(duplicates: readonly DuplicateColumn[]): string {
  return duplicates.map((d) => `fields ${d.rawNames.map((r) => JSON.stringify(r)).join(', ')} all become "${d.name}"`).join('; ');
}
