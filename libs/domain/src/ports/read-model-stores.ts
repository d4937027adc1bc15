import type { DataContract } from '../contract/data-contract.js';
import type { DatasetView } from '../read-models/dataset-view.js';
import type { IngestionStatus, IngestionView } from '../read-models/ingestion-view.js';

export interface IngestionFilter {
  readonly dataset?: string;
  readonly status?: IngestionStatus;
  /** ISO-8601 bounds on receivedAt. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Opaque cursor from a previous page. */
  readonly after?: string;
}

/** The `ingestions` read model. */
export abstract class IngestionReadModel {
  /** Stores the view unless a view with the same or a newer `lastEventVersion` is already there. */
  abstract upsert(view: IngestionView): Promise<void>;
  abstract get(ingestionId: string): Promise<IngestionView | null>;
  /** Newest first. @example await readModel.list({ dataset: 'orders', limit: 20 }) */
  abstract list(filter: IngestionFilter): Promise<{ items: IngestionView[]; next: string | null }>;
}

/** The `datasets` read model. */
export abstract class DatasetReadModel {
  abstract upsert(view: DatasetView): Promise<void>;
  abstract recordVersion(contract: DataContract, recordedAt: string): Promise<void>;
  abstract get(name: string): Promise<DatasetView | null>;
  abstract list(): Promise<DatasetView[]>;
  abstract versions(name: string): Promise<DataContract[]>;
}
