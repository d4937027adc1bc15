import type { ProcessedRecordsSelection } from '@pipeline/domain/ports/processed-records-reader.js';
import type { RecordFilter } from '@pipeline/domain/records/record-filter.js';
import type { RecordPosition } from './record-cursor.js';

/** Collects parameter values and hands out their `$n` placeholders: values never become SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A JSON value bound as jsonb (the driver would send a JS array as a Postgres array, not JSON). */
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`;
  }
}

/** The WHERE conditions of a selection. Paths arrive as text[] parameters, values as jsonb/text parameters. */
export function selectionConditions(selection: ProcessedRecordsSelection, params: SqlParams): string[] {
  const conditions = [`dataset = ${params.add(selection.dataset)}`];
  if (selection.ingestionId !== undefined) conditions.push(`ingestion_id = ${params.add(selection.ingestionId)}`);
  if (selection.from !== undefined) conditions.push(`ingested_at >= ${params.add(selection.from)}::timestamptz`);
  if (selection.to !== undefined) conditions.push(`ingested_at < ${params.add(selection.to)}::timestamptz`);
  for (const filter of selection.where) conditions.push(filterCondition(filter, params));
  return conditions;
}

export function filterCondition(filter: RecordFilter, params: SqlParams): string {
  const path = params.add(filter.path);
  const target = `(data #> ${path}::text[])`;
  switch (filter.op) {
    case 'eq':
      // Containment lets the GIN index on data narrow the rows; the equality keeps the meaning exact.
      return containable(filter.path)
        ? `(data @> ${params.json(nest(filter.path, filter.value))} AND ${target} = ${params.json(filter.value)})`
        : `${target} = ${params.json(filter.value)}`;
    case 'ne':
      return `${target} IS DISTINCT FROM ${params.json(filter.value)}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      // jsonb orders across types (strings before numbers): compare like with like only.
      return `(jsonb_typeof(${target}) = ${params.add(typeof filter.value)} AND ${target} ${COMPARISON[filter.op]} ${params.json(filter.value)})`;
    case 'contains':
      return containsCondition(target, path, filter.value, params);
    case 'in':
      return `${target} IN (SELECT jsonb_array_elements(${params.json(filter.value)}))`;
    case 'exists':
      // Contract fields are present on every row (null when the source had no value): null counts as absent.
      return `(coalesce(jsonb_typeof(${target}) <> 'null', false) = ${params.add(filter.value)}::boolean)`;
    default: {
      const unreachable: never = filter.op;
      throw new Error(`unknown filter op ${String(unreachable)}`);
    }
  }
}

const COMPARISON = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** A string is a substring of a string value or an element of an array; anything else is jsonb containment. */
function containsCondition(target: string, path: string, value: unknown, params: SqlParams): string {
  if (typeof value !== 'string') return `(${target} @> ${params.json(value)})`;
  return (
    `((jsonb_typeof(${target}) = 'string' AND strpos(data #>> ${path}::text[], ${params.add(value)}) > 0)` +
    ` OR (jsonb_typeof(${target}) = 'array' AND ${target} @> ${params.json(value)}))`
  );
}

/** Array indexes cannot be expressed as object containment. */
const containable = (path: readonly string[]): boolean => path.every((s) => !/^\d+$/.test(s));

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
}

/** Rows strictly after a cursor position, in the listing order. One ingestion's rows share one ingested_at. */
export function afterCondition(after: RecordPosition, byIngestion: boolean, params: SqlParams): string {
  if (byIngestion) return `(ingestion_id, row_number) > (${params.add(after.ingestionId)}, ${params.add(after.rowNumber)}::int)`;
  return `(ingested_at, ingestion_id, row_number) > (${params.add(after.ingestedAt)}::timestamptz, ${params.add(after.ingestionId)}, ${params.add(after.rowNumber)}::int)`;
}
