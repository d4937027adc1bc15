import type { DataContract } from '@pipeline/domain/contract/data-contract.js';

/** Defines a dataset or revises its contract. `input` is unvalidated (a parsed file, CLI or API input). */
export class DefineDataset {
  constructor(
    readonly input: unknown,
    /** Where the input came from, for error messages (`datasets/orders.yaml`, `api`, `inferred from raw/x.csv`). */
    readonly origin: string,
    readonly definedBy: string,
    /** An already-validated contract (inference) skips parsing. */
    readonly contract?: DataContract,
  ) {}
}

export interface DefineDatasetResult {
  readonly dataset: string;
  readonly version: number;
  readonly changed: boolean;
}
