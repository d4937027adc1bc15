import type { DataContract } from '../contract/data-contract.js';

export type DatasetDefined = {
  readonly type: 'DatasetDefined';
  readonly data: { readonly dataset: string; readonly contract: DataContract; readonly definedBy: string; readonly definedAt: string };
};
export type DatasetContractRevised = {
  readonly type: 'DatasetContractRevised';
  readonly data: { readonly dataset: string; readonly contract: DataContract; readonly revisedBy: string; readonly revisedAt: string };
};

export type DatasetEvent = DatasetDefined | DatasetContractRevised;

export const datasetStreamId = (dataset: string): string => `dataset-${dataset}`;
