import type { EngineProgress } from '@pipeline/domain/ports/ingestion-engine.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

export class ProcessIngestion {
  constructor(
    readonly ingestionId: string,
    readonly onProgress?: (progress: EngineProgress) => void,
  ) {}
}

export type ProcessIngestionResult =
  | { readonly outcome: 'completed' | 'rejected'; readonly view: IngestionView }
  /** Already finished earlier (redelivery): nothing was done. */
  | { readonly outcome: 'already-finished'; readonly view: IngestionView }
  /** Another consumer is processing it right now. */
  | { readonly outcome: 'in-progress-elsewhere' }
  | { readonly outcome: 'unknown-ingestion' };
