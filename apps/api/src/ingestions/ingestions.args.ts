import { ArgsType, Field, Int } from '@nestjs/graphql';
import type { IngestionStatus } from '@pipeline/domain/read-models/ingestion-view.js';
import { IngestionStateEnum } from './ingestion.model.js';

export const DEFAULT_INGESTIONS_PAGE = 20;

@ArgsType()
export class IngestionsArgs {
  @Field(() => String, { nullable: true }) dataset?: string | null;
  @Field(() => IngestionStateEnum, { nullable: true }) state?: IngestionStatus | null;
  @Field(() => String, { nullable: true, description: 'ISO-8601: received at or after.' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO-8601: received before.' }) to?: string | null;
  @Field(() => Int, { defaultValue: DEFAULT_INGESTIONS_PAGE, description: 'Page size, at most 1000.' }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}
