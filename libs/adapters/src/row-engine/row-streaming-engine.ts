import { Injectable } from '@nestjs/common';
import { LINEAGE_FIELDS, type DataContract } from '@pipeline/domain/contract/data-contract.js';
import { inferContract } from '@pipeline/domain/contract/contract-inference.js';
import { createRecordPreparer, type RecordPreparer } from '@pipeline/domain/quality/record-preparer.js';
import { batchRuleResults, evaluateBatchRules } from '@pipeline/domain/quality/batch-rules.js';
import type { RecordCounts } from '@pipeline/domain/events/ingestion-events.js';
import { isDecodeError, NotFoundError, type DecodeError } from '@pipeline/domain/errors.js';
import { IngestionEngine, type EngineJob, type EngineProgress, type EngineResult } from '@pipeline/domain/ports/ingestion-engine.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { RecordDecoder, type DecodedItem } from '@pipeline/domain/ports/record-decoder.js';
import { ColumnarWriter, JsonLinesWriter, QuarantineWriter, RecordSink, type SinkTarget } from '@pipeline/domain/ports/row-sinks.js';
import type { ProcessedRow, QuarantinedRow } from '@pipeline/domain/records/processed-row.js';
import type { RejectionReason } from '@pipeline/domain/events/ingestion-events.js';
import { ByteCounter } from './byte-counter.js';
import { OpenSinks } from './open-sinks.js';

/** How many records an unknown dataset's contract is inferred from. */
const INFERENCE_SAMPLE = 1000;

type BatchOutcome = { halt: RejectionReason } | null;

/**
 * The row-at-a-time engine: stream → decode → transform/check per record → all sinks in
 * parallel, batch by batch with backpressure. Memory stays bounded by the batch size.
 */
@Injectable()
export class RowStreamingEngine extends IngestionEngine {
  constructor(
    private readonly store: ObjectStore,
    private readonly decoder: RecordDecoder,
    private readonly recordSink: RecordSink,
    private readonly columnar: ColumnarWriter,
    private readonly jsonLines: JsonLinesWriter,
    private readonly quarantine: QuarantineWriter,
  ) {
    super();
  }

  async run(job: EngineJob, onProgress?: (p: EngineProgress) => void): Promise<EngineResult> {
    const info = await this.store.head(job.sourceKey);
    if (!info) throw new NotFoundError(`raw object ${job.sourceKey} does not exist (yet)`);
    const counter = new ByteCounter();
    const source = await this.store.get(job.sourceKey);
    source.on('error', (e) => counter.destroy(e));
    source.pipe(counter);
    const batches = this.decoder.decode(counter, { name: job.sourceKey })[Symbol.asyncIterator]();
    let contract: DataContract | null = job.contract;
    let sinks: OpenSinks | null = null;
    let preparer: RecordPreparer | null = null;
    try {
      const pending: DecodedItem[][] = [];
      if (!contract) contract = inferContract(job.dataset, await this.sample(batches, pending));
      preparer = createRecordPreparer(contract, {
        ingestionId: job.ingestionId,
        source: job.sourceKey,
        ingestedAt: job.ingestedAt,
        now: job.now,
      });
      sinks = await OpenSinks.open(this.target(job, contract), [this.recordSink, this.columnar, this.jsonLines], this.quarantine);
      let rows = 0;
      const step = async (batch: DecodedItem[]): Promise<BatchOutcome> => {
        const outcome = await this.processBatch(batch, preparer!, sinks!, job.sourceKey);
        rows += batch.length;
        onProgress?.({ rows, bytes: counter.bytes, totalBytes: info.size });
        return outcome;
      };
      for (const batch of pending) {
        const outcome = await step(batch);
        if (outcome) return await this.reject(sinks, job, contract, preparer, outcome.halt);
      }
      for (let next = await batches.next(); !next.done; next = await batches.next()) {
        const outcome = await step(next.value);
        if (outcome) return await this.reject(sinks, job, contract, preparer, outcome.halt);
      }
      const batchHalt = this.batchHalt(job, contract, preparer);
      if (batchHalt) return await this.reject(sinks, job, contract, preparer, batchHalt);
      const results = await sinks.commit();
      return {
        outcome: 'stored',
        contract,
        contractWasInferred: !job.contract,
        counts: this.countsOf(preparer),
        ruleResults: [...preparer.ruleResults(), ...batchRuleResults(contract, this.countsOf(preparer))],
        sinks: results,
      };
    } catch (error) {
      await sinks?.abort();
      source.destroy();
      if (!isDecodeError(error)) throw error;
      return this.rejectedAsUnreadable(error, contract, preparer);
    }
  }

  /** A batch rule (e.g. at most 5 % quarantined) whose action is halt and which failed, as the rejection reason. */
  private batchHalt(job: EngineJob, contract: DataContract, preparer: RecordPreparer): RejectionReason | null {
    const halt = evaluateBatchRules(contract, this.countsOf(preparer)).find((v) => v.action === 'halt');
    return halt ? { code: 'BATCH_RULE_HALT', message: `${job.sourceKey}: ${halt.message}`, file: job.sourceKey, rule: halt.rule } : null;
  }

  /** The file cannot be read as its format (broken syntax, wrong encoding…): the whole ingestion is rejected, naming where. */
  private rejectedAsUnreadable(error: DecodeError, contract: DataContract | null, preparer: RecordPreparer | null): EngineResult {
    return {
      outcome: 'rejected',
      contract,
      contractWasInferred: false,
      counts: (preparer && this.countsOf(preparer)) ?? { recordsIn: 0, valid: 0, warned: 0, quarantined: 0, duplicates: 0 },
      ruleResults: preparer?.ruleResults() ?? [],
      reason: { code: error.reason, message: error.message, file: error.file, line: error.line, record: error.record },
    };
  }

  /** Reads batches until there are enough records to infer a contract from; keeps them for processing. */
  private async sample(batches: AsyncIterator<DecodedItem[]>, pending: DecodedItem[][]): Promise<Record<string, unknown>[]> {
    const samples: Record<string, unknown>[] = [];
    while (samples.length < INFERENCE_SAMPLE) {
      const next = await batches.next();
      if (next.done) break;
      pending.push(next.value);
      for (const item of next.value) if (item.kind === 'record' && samples.length < INFERENCE_SAMPLE) samples.push(item.record);
    }
    return samples;
  }

  private async processBatch(batch: DecodedItem[], preparer: RecordPreparer, sinks: OpenSinks, file: string): Promise<BatchOutcome> {
    const rows: ProcessedRow[] = [];
    const quarantined: QuarantinedRow[] = [];
    for (const item of batch) {
      if (item.kind === 'bad') {
        this.unreadable.set(preparer, (this.unreadable.get(preparer) ?? 0) + 1);
        const reason = { rule: item.code, action: 'quarantine' as const, message: item.message };
        quarantined.push({ rowNumber: item.index, line: item.line, record: { _raw: item.raw }, reasons: [reason] });
        continue;
      }
      const outcome = preparer.prepare(item.record, item.index);
      switch (outcome.kind) {
        case 'valid':
        case 'warned':
          rows.push(outcome.row);
          break;
        case 'quarantined':
          quarantined.push({ rowNumber: item.index, line: item.line, record: item.record, reasons: outcome.violations });
          break;
        case 'duplicate':
          break;
        case 'halt': {
          const v = outcome.violations.find((x) => x.action === 'halt') ?? outcome.violations[0];
          const message = `${file}, line ${item.line}, record ${item.index}: ${v.rule}${v.column ? ` on ${v.column}` : ''} failed (halt): ${v.message}`;
          return { halt: { code: 'RULE_HALT', message, file, line: item.line, record: item.index, rule: v.rule } };
        }
      }
    }
    await sinks.write(rows, quarantined);
    return null;
  }

  private async reject(
    sinks: OpenSinks,
    job: EngineJob,
    contract: DataContract,
    preparer: RecordPreparer,
    reason: RejectionReason,
  ): Promise<EngineResult> {
    await sinks.abort();
    return {
      outcome: 'rejected',
      contract,
      contractWasInferred: !job.contract,
      counts: this.countsOf(preparer),
      ruleResults: preparer.ruleResults(),
      reason,
    };
  }

  /** Records the decoder could not read count as received and quarantined. */
  private readonly unreadable = new WeakMap<RecordPreparer, number>();

  private countsOf(preparer: RecordPreparer): RecordCounts {
    const c = preparer.counts();
    const bad = this.unreadable.get(preparer) ?? 0;
    return { ...c, recordsIn: c.recordsIn + bad, quarantined: c.quarantined + bad };
  }

  private target(job: EngineJob, contract: DataContract): SinkTarget {
    return {
      ingestionId: job.ingestionId,
      dataset: job.dataset,
      ingestDate: job.ingestedAt.slice(0, 10),
      ingestedAt: job.ingestedAt,
      columns: [...contract.fields, ...LINEAGE_FIELDS],
    };
  }
}
