import { type DataContract, DEFAULT_TRANSFORMS } from '../contract/data-contract.js';
import type { DatasetEvent } from '../events/dataset-events.js';
import { given } from '../ingestion/given-when-then.spec-support.js';
import { type DatasetCommand, datasetDecider, evolveDataset, initialDatasetState } from './dataset.decider.js';

const T0 = '2026-11-26T10:00:00.000Z';
const T1 = '2026-11-27T10:00:00.000Z';

const v = (version: number, overrides: Partial<DataContract> = {}): DataContract => ({
  dataset: 'orders',
  version,
  fields: [{ name: 'id', type: 'integer', required: true }],
  primaryKey: ['id'],
  rules: [],
  transforms: DEFAULT_TRANSFORMS,
  allowUnknownFields: true,
  inferred: false,
  ...overrides,
});
const withAmount = (version: number) => v(version, { fields: [...v(1).fields, { name: 'amount', type: 'number' }] });

const defined: DatasetEvent = { type: 'DatasetDefined', data: { dataset: 'orders', contract: v(1), definedBy: 'file', definedAt: T0 } };
const revised: DatasetEvent = {
  type: 'DatasetContractRevised',
  data: { dataset: 'orders', contract: withAmount(2), revisedBy: 'api', revisedAt: T1 },
};

const defineCmd = (contract: DataContract, at = T0, by = 'file'): DatasetCommand => ({ type: 'DefineDataset', data: { contract, by, at } });
const reviseCmd = (contract: DataContract): DatasetCommand => ({ type: 'ReviseDatasetContract', data: { contract, by: 'api', at: T1 } });

describe('Dataset decider', () => {
  it('defines a new dataset at version 1, whatever version the contract carries', () => {
    given(datasetDecider)
      .when(defineCmd(v(7)))
      .then(defined);
  });

  it('defines a new dataset with an inferred contract', () => {
    const inferred = v(1, { inferred: true, primaryKey: [] });
    given(datasetDecider)
      .when(defineCmd(inferred, T0, 'inference'))
      .then({ type: 'DatasetDefined', data: { dataset: 'orders', contract: inferred, definedBy: 'inference', definedAt: T0 } });
  });

  it.each<[string, DatasetEvent[], DataContract]>([
    ['the same contract', [defined], v(1)],
    ['the same contract with another version number', [defined], v(5)],
    ['the current revision again', [defined, revised], withAmount(1)],
    ['an inferred contract for a dataset that has one', [defined], v(1, { inferred: true, fields: [{ name: 'x', type: 'string' }] })],
  ])('does nothing when defining %s', (_label, history, contract) => {
    given(datasetDecider, ...history)
      .when(defineCmd(contract))
      .then();
  });

  it.each<[string, DatasetCommand]>([
    ['defining an existing dataset with a new contract', defineCmd(withAmount(1), T1, 'api')],
    ['revising it', reviseCmd(withAmount(1))],
  ])('revises to the next version when %s', (_label, command) => {
    given(datasetDecider, defined).when(command).then(revised);
  });

  it('numbers revisions from the current version', () => {
    given(datasetDecider, defined, revised)
      .when(reviseCmd(v(1)))
      .then({ type: 'DatasetContractRevised', data: { dataset: 'orders', contract: v(3), revisedBy: 'api', revisedAt: T1 } });
  });

  it('refuses to revise a dataset that was never defined', () => {
    given(datasetDecider)
      .when(reviseCmd(v(1)))
      .thenRefuses('DATASET_NOT_FOUND', 'define it first');
  });

  it('refuses a contract for another dataset', () => {
    given(datasetDecider, defined)
      .when(reviseCmd(v(1, { dataset: 'customers' })))
      .thenRefuses('DATASET_MISMATCH', 'cannot revise dataset orders');
  });

  it('keeps every version, the last one current', () => {
    const state = [defined, revised].reduce(evolveDataset, initialDatasetState);
    expect(state).toEqual({ exists: true, dataset: 'orders', current: withAmount(2), versions: [v(1), withAmount(2)] });
  });
});
