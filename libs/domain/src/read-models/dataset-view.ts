import type { DataContract } from '../contract/data-contract.js';

/** The `datasets` read model row, plus every contract version in `dataset_contract_versions`. */
export interface DatasetView {
  readonly name: string;
  readonly currentVersion: number;
  readonly contract: DataContract;
  readonly inferred: boolean;
  readonly updatedAt: string;
}
