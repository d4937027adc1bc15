import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { IngestionStatus } from '@pipeline/domain/read-models/ingestion-view.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { PageInfo } from '../graphql/page-info.model.js';

export const IngestionStateEnum: Record<string, IngestionStatus> = {
  RECEIVED: 'received',
  PROCESSING: 'processing',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  FAILED: 'failed',
  DEAD_LETTERED: 'dead_lettered',
  REPLAY_REQUESTED: 'replay_requested',
};
registerEnumType(IngestionStateEnum, { name: 'IngestionState' });

@ObjectType()
export class RecordCounts {
  @Field(() => Int) recordsIn!: number;
  @Field(() => Int) valid!: number;
  @Field(() => Int) warned!: number;
  @Field(() => Int) quarantined!: number;
  @Field(() => Int, { description: 'Dropped as duplicates of an earlier primary key in the same ingestion.' }) duplicates!: number;
}

@ObjectType({ description: 'What one sink wrote: rows and bytes, and the object keys or table it wrote to.' })
export class SinkOutput {
  @Field() sink!: string;
  @Field(() => [String]) targets!: readonly string[];
  @Field(() => Int) rows!: number;
  @Field(() => Float) bytes!: number;
}

@ObjectType()
export class RuleSample {
  @Field(() => Int) row!: number;
  @Field() message!: string;
}

@ObjectType()
export class RuleOutcome {
  @Field() rule!: string;
  @Field(() => String, { nullable: true }) column?: string;
  @Field() action!: string;
  @Field(() => Int) passed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [RuleSample]) samples!: readonly RuleSample[];
}

@ObjectType()
export class Rejection {
  @Field() code!: string;
  @Field() message!: string;
  @Field() file!: string;
  @Field(() => Int, { nullable: true }) line?: number;
  @Field(() => Int, { nullable: true }) record?: number;
  @Field(() => String, { nullable: true }) rule?: string;
}

@ObjectType({ description: 'One event of the ingestion stream (the event-sourced timeline).' })
export class IngestionHistoryEvent {
  @Field() type!: string;
  @Field(() => Int) version!: number;
  @Field(() => Float, { description: 'Global position in the event store.' }) position!: number;
  @Field() recordedAt!: string;
  @Field(() => JsonScalar) data!: unknown;
}

@ObjectType('Ingestion')
export class IngestionModel {
  @Field(() => ID) id!: string;
  @Field() dataset!: string;
  @Field(() => IngestionStateEnum) state!: IngestionStatus;
  @Field({ description: 'Raw input in the object store.' }) sourceKey!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => RecordCounts, { nullable: true }) counts!: RecordCounts | null;
  @Field(() => [SinkOutput], { description: 'Counts per sink.' }) sinks!: readonly SinkOutput[];
  @Field(() => [RuleOutcome]) ruleResults!: readonly RuleOutcome[];
  @Field(() => Rejection, { nullable: true }) rejection!: Rejection | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Int, { nullable: true }) contractVersion!: number | null;
  @Field() receivedAt!: string;
  @Field(() => String, { nullable: true }) startedAt!: string | null;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => [String], { description: 'Every object key the sinks wrote (Parquet, JSON Lines, quarantine).' })
  outputKeys!: readonly string[];
  /** Not a GraphQL field: the stream when it was already read; `events` reads it otherwise. */
  loadedEvents?: readonly StoredEvent[];
}

@ObjectType()
export class IngestionConnection {
  @Field(() => [IngestionModel]) nodes!: IngestionModel[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'An ingestion event as it happened, with the ingestion as it stood right after it.' })
export class IngestionUpdate {
  @Field(() => IngestionHistoryEvent) event!: IngestionHistoryEvent;
  @Field(() => IngestionModel) ingestion!: IngestionModel;
}

@ObjectType()
export class ReplayRefusal {
  @Field(() => ID) ingestionId!: string;
  @Field() reason!: string;
}

@ObjectType()
export class ReplayResult {
  @Field(() => [ID]) replayed!: string[];
  @Field(() => [ReplayRefusal]) refused!: ReplayRefusal[];
  @Field(() => Int, { description: 'Dead-letter messages moved back to the work queue.' }) redriven!: number;
}
