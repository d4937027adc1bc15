/**
 * A data contract: what a dataset's records must look like once transformed.
 * Contracts are versioned; every revision is a `DatasetContractRevised` event.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'json';

export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'decimal', 'boolean', 'timestamp', 'date', 'json'];

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** A required field that is null or missing fails the implicit IsComplete check (action `quarantine`). */
  readonly required?: boolean;
  /** decimal only: total digits and digits after the point (Parquet DECIMAL(precision, scale)). */
  readonly precision?: number;
  readonly scale?: number;
  readonly description?: string;
}

/** What happens to a record (or the whole ingestion) when a rule fails. */
export type RuleAction = 'warn' | 'quarantine' | 'halt';

/**
 * Record-level rules, named after their AWS Glue DQDL / Great Expectations equivalents.
 * They are evaluated on the transformed (typed, snake_cased) record.
 */
export type RecordRule =
  | { readonly rule: 'IsComplete'; readonly column: string; readonly action: RuleAction }
  | { readonly rule: 'ColumnDataType'; readonly column: string; readonly type: FieldType; readonly action: RuleAction }
  | {
      readonly rule: 'ColumnValuesInSet';
      readonly column: string;
      readonly values: readonly (string | number | boolean)[];
      readonly action: RuleAction;
    }
  | { readonly rule: 'ColumnValuesMatch'; readonly column: string; readonly pattern: string; readonly action: RuleAction }
  | {
      readonly rule: 'ColumnValuesBetween';
      readonly column: string;
      readonly min?: number;
      readonly max?: number;
      readonly action: RuleAction;
    }
  | { readonly rule: 'ColumnLength'; readonly column: string; readonly min?: number; readonly max?: number; readonly action: RuleAction }
  | { readonly rule: 'IsUnique'; readonly columns: readonly string[]; readonly action: RuleAction }
  | { readonly rule: 'ColumnValuesNotInFuture'; readonly column: string; readonly toleranceSeconds?: number; readonly action: RuleAction };

/** Batch-level rules, evaluated once the whole input has been read. */
export type BatchRule =
  | { readonly rule: 'RowCount'; readonly min?: number; readonly max?: number; readonly action: RuleAction }
  | { readonly rule: 'MaxInvalidRatio'; readonly max: number; readonly action: RuleAction };

export type QualityRule = RecordRule | BatchRule;

export interface TransformSpec {
  /** Rename fields to snake_case before anything else (default true). */
  readonly snakeCaseFields: boolean;
  /** Trim surrounding whitespace of string values (default true). */
  readonly trim: boolean;
  /** String values that mean null, compared after trimming, case-insensitive (default '', 'null', 'NULL', 'N/A', 'NA', 'None', 'nil', '-'). */
  readonly nullTokens: readonly string[];
  /** Coerce values to the contract's field types (default true). */
  readonly coerceTypes: boolean;
  /** Keep only the first record per primary key within one ingestion (default true when a primary key exists). */
  readonly dedupeByPrimaryKey: boolean;
}

export interface DataContract {
  readonly dataset: string;
  readonly version: number;
  readonly fields: readonly FieldSpec[];
  readonly primaryKey: readonly string[];
  readonly rules: readonly QualityRule[];
  readonly transforms: TransformSpec;
  /** Fields not in the contract are kept (as-is, JSON) when true, dropped when false. */
  readonly allowUnknownFields: boolean;
  /** True when the contract was inferred from data rather than written by a person. */
  readonly inferred: boolean;
  readonly description?: string;
}

export const DEFAULT_NULL_TOKENS: readonly string[] = ['', 'null', 'NULL', 'N/A', 'NA', 'None', 'nil', '-'];

export const DEFAULT_TRANSFORMS: TransformSpec = {
  snakeCaseFields: true,
  trim: true,
  nullTokens: DEFAULT_NULL_TOKENS,
  coerceTypes: true,
  dedupeByPrimaryKey: true,
};

/** Lineage columns every processed record carries, in this order, after the contract's fields. */
export const LINEAGE_FIELDS: readonly FieldSpec[] = [
  { name: '_ingestion_id', type: 'string', required: true },
  { name: '_source', type: 'string', required: true },
  { name: '_row', type: 'integer', required: true },
  { name: '_ingested_at', type: 'timestamp', required: true },
];

/** Dataset names become folder names, table values and Hive partition values: keep them boring. */
export const DATASET_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
