import type { FieldSpec } from '@pipeline/domain/contract/data-contract.js';
import { InvalidContractError } from '@pipeline/domain/errors.js';

export const DEFAULT_DECIMAL_PRECISION = 38;
export const DEFAULT_DECIMAL_SCALE = 9;

/**
 * The DuckDB type a contract field is read as, which fixes its Parquet type: TIMESTAMPTZ becomes a
 * UTC-adjusted TIMESTAMP(MICROS), DECIMAL a Parquet DECIMAL, JSON a string with the JSON logical type.
 * @example duckDbType({ name: 'amount', type: 'decimal', precision: 12, scale: 2 }) // 'DECIMAL(12,2)'
 */
export function duckDbType(field: FieldSpec): string {
  switch (field.type) {
    case 'string':
      return 'VARCHAR';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'decimal':
      return decimalType(field);
    case 'boolean':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMPTZ';
    case 'date':
      return 'DATE';
    case 'json':
      return 'JSON';
    default: {
      const unknown: never = field.type;
      throw new InvalidContractError(`field ${field.name} has unknown type ${String(unknown)}`);
    }
  }
}

function decimalType(field: FieldSpec): string {
  const precision = field.precision ?? DEFAULT_DECIMAL_PRECISION;
  const scale = field.scale ?? Math.min(DEFAULT_DECIMAL_SCALE, precision);
  const valid =
    Number.isInteger(precision) && Number.isInteger(scale) && precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision;
  if (!valid)
    throw new InvalidContractError(
      `field ${field.name}: DECIMAL(${precision},${scale}) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision`,
    );
  return `DECIMAL(${precision},${scale})`;
}

/** `"name"` with embedded quotes doubled: safe for any field name. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'` with embedded quotes doubled; NUL cannot appear in a SQL literal, so it is refused. */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new InvalidContractError('a NUL character cannot appear in a DuckDB literal');
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One spool file of NDJSON rows → one Parquet file. Only `columns` are read (in their order),
 * so other keys in the JSON are ignored; a missing key reads as NULL.
 */
export function parquetCopyStatement(spoolPath: string, parquetPath: string, columns: readonly FieldSpec[], rowGroupSize: number): string {
  if (columns.length === 0) throw new InvalidContractError('a Parquet file needs at least one column');
  const names = new Set(columns.map((c) => c.name));
  if (names.size !== columns.length) throw new InvalidContractError('column names must be unique');
  const struct = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(duckDbType(c))}`).join(', ');
  const select = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const source = `read_ndjson(${quoteLiteral(spoolPath)}, columns = {${struct}}, format = 'newline_delimited')`;
  const rowGroup = Math.trunc(rowGroupSize);
  if (!(rowGroup > 0)) throw new RangeError('rowGroupSize must be a positive integer');
  return `COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroup})`;
}
