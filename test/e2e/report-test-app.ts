/** A real pipeline application (local adapters, real PostgreSQL) with a settable clock, for the report tests. */
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { PipelineAdaptersModule } from '@pipeline/adapters/pipeline-adapters.module.js';
import { PipelineApplicationModule } from '@pipeline/application/pipeline-application.module.js';
import { DomainEventPublisher } from '@pipeline/application/event-sourcing/domain-event-publisher.js';
import { ingestionFold } from '@pipeline/application/ingestion/ingestion-stream.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { decideIngestion, type IngestionCommand } from '@pipeline/domain/ingestion/ingestion.decider.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { RecordSink } from '@pipeline/domain/ports/row-sinks.js';
import type { FixtureIngestion, Outcome } from './report-fixture-scenario.js';

export class FakeClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export async function startReportTestApp(env: Record<string, string>, clock: FakeClock): Promise<INestApplicationContext> {
  const config = loadPipelineConfig({ ...process.env, ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [PipelineAdaptersModule.forRoot(config, { role: 'cli' }), PipelineApplicationModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  return moduleRef.init();
}

/** Records each fixture through the real Ingestion aggregate, projections and record sink, at the fixture's own times. */
export async function loadFixtures(app: INestApplicationContext, fixtures: readonly FixtureIngestion[]): Promise<void> {
  const publisher = app.get(DomainEventPublisher);
  const sink = app.get(RecordSink);
  for (const f of fixtures) {
    const key = `raw/${f.dataset}/${f.id}.csv`;
    const decide = async (command: IngestionCommand) => {
      const result = await publisher.decide(ingestionStreamId(f.id), ingestionFold, (s) => decideIngestion(command, s));
      if (!result.ok) throw new Error(`fixture ${f.id}: ${result.message}`);
    };
    await decide({
      type: 'RegisterIngestion',
      data: { ingestionId: f.id, dataset: f.dataset, source: { kind: 'object', key, size: f.bytes }, at: f.receivedAt },
    });
    let lastStart = f.receivedAt;
    for (const step of f.steps) {
      const at = step.at;
      switch (step.kind) {
        case 'started':
          lastStart = at;
          await decide({ type: 'StartIngestion', data: { contractVersion: 1, at } });
          break;
        case 'failed':
          await decide({ type: 'FailIngestion', data: { error: { code: 'UNAVAILABLE', message: 'database down' }, at } });
          break;
        case 'dead_lettered':
          await decide({ type: 'DeadLetterIngestion', data: { lastError: 'database down', at } });
          break;
        case 'replay':
          await decide({ type: 'RequestReplay', data: { requestedBy: 'test', at } });
          break;
        case 'completed': {
          const stored = await storeRows(sink, f, lastStart, step.outcome);
          await decide({
            type: 'CompleteIngestion',
            data: { counts: counts(step.outcome), ruleResults: step.outcome.rules, sinks: [stored], contractVersion: 1, at },
          });
          break;
        }
        case 'rejected': {
          const reason = { code: 'RULE_HALT', message: `${key}: halted`, file: key };
          const o = step.outcome;
          await decide({
            type: 'RejectIngestion',
            data: { reason, at, ...(o ? { counts: counts(o), ruleResults: o.rules, contractVersion: 1 } : {}) },
          });
          break;
        }
      }
    }
  }
}

const counts = (o: Outcome) => ({
  recordsIn: o.valid + o.warned + o.quarantined + o.duplicates,
  valid: o.valid,
  warned: o.warned,
  quarantined: o.quarantined,
  duplicates: o.duplicates,
});

async function storeRows(sink: RecordSink, f: FixtureIngestion, ingestedAt: string, o: Outcome) {
  const writer = await sink.open({ ingestionId: f.id, dataset: f.dataset, ingestDate: ingestedAt.slice(0, 10), ingestedAt, columns: [] });
  const rows = Array.from({ length: o.valid + o.warned }, (_, i) => {
    const values = { n: i + 1, _ingestion_id: f.id, _ingested_at: ingestedAt };
    return { rowNumber: i + 1, recordKey: null, values, json: JSON.stringify(values), dataJson: JSON.stringify({ n: i + 1 }) };
  });
  await writer.write(rows);
  return writer.commit();
}
