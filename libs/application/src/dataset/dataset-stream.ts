import { decideDataset, evolveDataset, initialDatasetState, type DatasetState } from '@pipeline/domain/dataset/dataset.decider.js';
import type { DatasetEvent } from '@pipeline/domain/events/dataset-events.js';
import type { StreamFold } from '../event-sourcing/domain-event-publisher.js';

export const datasetFold: StreamFold<DatasetState, DatasetEvent> = {
  initial: initialDatasetState,
  evolve: evolveDataset,
};

export { decideDataset };
