import { Injectable } from '@nestjs/common';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { JsonLinesWriter, type SinkTarget, type SinkWriter } from '@pipeline/domain/ports/row-sinks.js';
import type { ProcessedRow, SinkResult } from '@pipeline/domain/records/processed-row.js';
import { ObjectStoreLineUpload } from './object-store-line-upload.js';
import { processedPartitionPrefix } from './sink-object-keys.js';

/**
 * Processed rows as JSON Lines at `processed/dataset=<d>/ingest_date=<day>/<ingestionId>.jsonl`,
 * one `row.json` per line, streamed into the store. An ingestion with no rows leaves no file
 * (and removes the file of an earlier run), like the Parquet and quarantine writers.
 */
@Injectable()
export class ObjectStoreJsonLinesWriter extends JsonLinesWriter {
  constructor(private readonly store: ObjectStore) {
    super();
  }

  async open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>> {
    const key = `${processedPartitionPrefix(target)}${target.ingestionId}.jsonl`;
    return new JsonLinesSession(this.store, new ObjectStoreLineUpload(this.store, key, 'application/x-ndjson'));
  }
}

class JsonLinesSession implements SinkWriter<ProcessedRow> {
  private rows = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly upload: ObjectStoreLineUpload,
  ) {}

  async write(rows: readonly ProcessedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.upload.write(rows.map((row) => row.json).join('\n') + '\n');
    this.rows += rows.length;
  }

  async commit(): Promise<SinkResult> {
    const info = await this.upload.finish();
    if (info === null) await this.store.delete(this.upload.key);
    return { sink: 'jsonl', targets: info ? [info.key] : [], rows: this.rows, bytes: info?.size ?? 0 };
  }

  abort(): Promise<void> {
    return this.upload.abort();
  }
}
