import { contractsEqual } from '../contract/contract-equality.js';
import type { DataContract } from '../contract/data-contract.js';
import { accept, type DecideResult, type Decider, refuse } from '../decider.js';
import type { DatasetEvent } from '../events/dataset-events.js';

export type DefineDataset = {
  readonly type: 'DefineDataset';
  readonly data: { readonly contract: DataContract; readonly by: string; readonly at: string };
};
export type ReviseDatasetContract = {
  readonly type: 'ReviseDatasetContract';
  readonly data: { readonly contract: DataContract; readonly by: string; readonly at: string };
};
export type DatasetCommand = DefineDataset | ReviseDatasetContract;

export type DatasetRefusalCode = 'DATASET_NOT_FOUND' | 'DATASET_MISMATCH';

export interface DatasetState {
  readonly exists: boolean;
  readonly dataset: string;
  /** The contract in force (its `version` is the stream's contract version), or null before the first definition. */
  readonly current: DataContract | null;
  /** Every version, oldest first. */
  readonly versions: readonly DataContract[];
}

export const initialDatasetState: DatasetState = { exists: false, dataset: '', current: null, versions: [] };

export function evolveDataset(state: DatasetState, event: DatasetEvent): DatasetState {
  switch (event.type) {
    case 'DatasetDefined':
      return { exists: true, dataset: event.data.dataset, current: event.data.contract, versions: [event.data.contract] };
    case 'DatasetContractRevised':
      return { ...state, current: event.data.contract, versions: [...state.versions, event.data.contract] };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/**
 * Contract versions are assigned here, whatever the incoming contract says: 1 for the
 * definition, current + 1 for each revision. An unchanged contract (apart from its version)
 * is a no-op, so loading the same contract file at every start creates no versions. An
 * inferred contract only ever defines a dataset: once one has a contract, a later inference
 * (a concurrent first sight, say) must not replace it.
 */
export function decideDataset(command: DatasetCommand, state: DatasetState): DecideResult<DatasetEvent> {
  switch (command.type) {
    case 'DefineDataset':
      return state.exists ? revise(command.data, state) : define(command.data);
    case 'ReviseDatasetContract':
      if (!state.exists)
        return refuse('DATASET_NOT_FOUND', `dataset ${command.data.contract.dataset} has no contract to revise; define it first`);
      return revise(command.data, state);
    default: {
      const unknownCommand: never = command;
      throw new TypeError(`unknown dataset command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

export const datasetDecider: Decider<DatasetCommand, DatasetEvent, DatasetState> = {
  initialState: initialDatasetState,
  evolve: evolveDataset,
  decide: decideDataset,
};

function define({ contract, by, at }: DefineDataset['data']): DecideResult<DatasetEvent> {
  return accept({
    type: 'DatasetDefined',
    data: { dataset: contract.dataset, contract: { ...contract, version: 1 }, definedBy: by, definedAt: at },
  });
}

function revise({ contract, by, at }: ReviseDatasetContract['data'], state: DatasetState): DecideResult<DatasetEvent> {
  if (contract.dataset !== state.dataset) {
    return refuse('DATASET_MISMATCH', `a contract for dataset ${contract.dataset} cannot revise dataset ${state.dataset}`);
  }
  const current = state.current!;
  if (contract.inferred || contractsEqual(contract, current)) return accept();
  return accept({
    type: 'DatasetContractRevised',
    data: { dataset: state.dataset, contract: { ...contract, version: current.version + 1 }, revisedBy: by, revisedAt: at },
  });
}
