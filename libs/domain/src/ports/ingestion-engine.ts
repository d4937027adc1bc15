import type { DataContract } from '../contract/data-contract.js';
import type { RecordCounts, RejectionReason, RuleResult } from '../events/ingestion-events.js';
import type { SinkResult } from '../records/processed-row.js';

export interface EngineJob {
  readonly ingestionId: string;
  readonly dataset: string;
  /** Key of the raw input in the ObjectStore. */
  readonly sourceKey: string;
  /** The dataset's contract, or null: the engine then infers one from the first records. */
  readonly contract: DataContract | null;
  /** ISO-8601 UTC; also the lineage `_ingested_at`. */
  readonly ingestedAt: string;
  /** Wall-clock "now" for not-in-future checks, ISO-8601 UTC. */
  readonly now: string;
}

export interface EngineProgress {
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes?: number;
}

export type EngineResult =
  | {
      readonly outcome: 'stored';
      readonly contract: DataContract;
      readonly contractWasInferred: boolean;
      readonly counts: RecordCounts;
      readonly ruleResults: readonly RuleResult[];
      readonly sinks: readonly SinkResult[];
    }
  | {
      readonly outcome: 'rejected';
      readonly contract: DataContract | null;
      readonly contractWasInferred: boolean;
      readonly counts: RecordCounts;
      readonly ruleResults: readonly RuleResult[];
      readonly reason: RejectionReason;
    };

/**
 * Reads one raw input, applies the contract's transforms and rules, and writes every
 * sink — or nothing, when the input is rejected. Behind a port so a vectorised engine
 * can replace the row-at-a-time one. Transient failures (storage, database) throw.
 */
export abstract class IngestionEngine {
  /** @example const r = await engine.run(job, (p) => console.log(p.rows)) */
  abstract run(job: EngineJob, onProgress?: (p: EngineProgress) => void): Promise<EngineResult>;
}
