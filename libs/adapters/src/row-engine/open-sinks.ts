import type { ProcessedRow, QuarantinedRow, SinkResult } from '@pipeline/domain/records/processed-row.js';
import type { SinkTarget, SinkWriter } from '@pipeline/domain/ports/row-sinks.js';

/** Every sink of one ingestion, written together, committed together, aborted together. */
export class OpenSinks {
  constructor(
    private readonly rowSinks: readonly SinkWriter<ProcessedRow>[],
    private readonly quarantine: SinkWriter<QuarantinedRow>,
  ) {}

  static async open(
    target: SinkTarget,
    rowSinks: readonly { open(t: SinkTarget): Promise<SinkWriter<ProcessedRow>> }[],
    quarantine: { open(t: SinkTarget): Promise<SinkWriter<QuarantinedRow>> },
  ): Promise<OpenSinks> {
    const opened: SinkWriter<unknown>[] = [];
    try {
      const rows: SinkWriter<ProcessedRow>[] = [];
      for (const sink of rowSinks) {
        const w = await sink.open(target);
        opened.push(w as SinkWriter<unknown>);
        rows.push(w);
      }
      const q = await quarantine.open(target);
      return new OpenSinks(rows, q);
    } catch (error) {
      await Promise.allSettled(opened.map((w) => w.abort()));
      throw error;
    }
  }

  async write(rows: readonly ProcessedRow[], quarantined: readonly QuarantinedRow[]): Promise<void> {
    const writes: Promise<void>[] = [];
    if (rows.length) for (const sink of this.rowSinks) writes.push(sink.write(rows));
    if (quarantined.length) writes.push(this.quarantine.write(quarantined));
    await Promise.all(writes);
  }

  /** Commits one after another; a failure part-way is transient and the retry rewrites everything (sinks are idempotent). */
  async commit(): Promise<SinkResult[]> {
    const results: SinkResult[] = [];
    for (const sink of [...this.rowSinks, this.quarantine]) results.push(await sink.commit());
    return results;
  }

  async abort(): Promise<void> {
    await Promise.allSettled([...this.rowSinks, this.quarantine].map((s) => s.abort()));
  }
}
