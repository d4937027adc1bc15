import { Injectable } from '@nestjs/common';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { QuarantineWriter, type SinkTarget, type SinkWriter } from '@pipeline/domain/ports/row-sinks.js';
import type { QuarantinedRow, SinkResult } from '@pipeline/domain/records/processed-row.js';
import { ObjectStoreLineUpload } from './object-store-line-upload.js';
import { quarantineKey } from './sink-object-keys.js';

/**
 * Rejected records at `quarantine/dataset=<d>/<ingestionId>.rejected.jsonl`, one line each:
 * `{"row":n,"line":l,"reasons":[…],"record":{…}}` (`line` is null when the decoder did not know it).
 * No rejected rows means no file, and the file of an earlier run of the ingestion is removed.
 */
@Injectable()
export class ObjectStoreQuarantineWriter extends QuarantineWriter {
  constructor(private readonly store: ObjectStore) {
    super();
  }

  async open(target: SinkTarget): Promise<SinkWriter<QuarantinedRow>> {
    return new QuarantineSession(this.store, new ObjectStoreLineUpload(this.store, quarantineKey(target), 'application/x-ndjson'));
  }
}

/** One quarantine line; bigints (possible in raw records) become strings instead of failing the ingestion. */
export function quarantineLine(row: QuarantinedRow): string {
  return JSON.stringify({ row: row.rowNumber, line: row.line ?? null, reasons: row.reasons, record: row.record }, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

class QuarantineSession implements SinkWriter<QuarantinedRow> {
  private rows = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly upload: ObjectStoreLineUpload,
  ) {}

  async write(rows: readonly QuarantinedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.upload.write(rows.map(quarantineLine).join('\n') + '\n');
    this.rows += rows.length;
  }

  async commit(): Promise<SinkResult> {
    const info = await this.upload.finish();
    if (info === null) await this.store.delete(this.upload.key);
    return { sink: 'quarantine', targets: info ? [info.key] : [], rows: this.rows, bytes: info?.size ?? 0 };
  }

  abort(): Promise<void> {
    return this.upload.abort();
  }
}
