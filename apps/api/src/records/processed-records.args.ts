import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { RECORD_FILTER_OPS, type RecordFilterOp } from '@pipeline/domain/records/record-filter.js';
import { DEFAULT_RECORDS_PAGE } from '@pipeline/application/records/query-processed-records/query-processed-records.query.js';
import { JsonScalar } from '../graphql/json.scalar.js';

export const RecordFilterOpEnum = Object.fromEntries(RECORD_FILTER_OPS.map((op) => [op, op])) as Record<RecordFilterOp, RecordFilterOp>;
registerEnumType(RecordFilterOpEnum, {
  name: 'RecordFilterOp',
  description:
    'eq/ne: JSON equality; gt/gte/lt/lte: numbers with numbers, strings with strings; contains: substring of a string, element of an array, ' +
    'or sub-object; in: equal to one of an array of values; exists: the path holds a non-null value (value true, the default) or is absent or null (false).',
});

@InputType()
export class RecordFilterInput {
  @Field({ description: 'Dot-separated path into data, e.g. "customer.country"; segments may contain only A-Z, a-z, 0-9 and _.' })
  path!: string;

  @Field(() => RecordFilterOpEnum)
  op!: RecordFilterOp;

  @Field(() => JsonScalar, { nullable: true })
  value?: unknown;
}

@ArgsType()
export class ProcessedRecordsArgs {
  @Field()
  dataset!: string;

  @Field(() => ID, { nullable: true })
  ingestionId?: string | null;

  @Field(() => [RecordFilterInput], { nullable: true, description: 'All filters must hold (AND).' })
  where?: RecordFilterInput[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: records ingested at or after.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: records ingested before.' })
  to?: string | null;

  @Field(() => Int, { defaultValue: DEFAULT_RECORDS_PAGE, description: 'Page size, at most 1000.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'A cursor from an earlier page (an edge cursor or pageInfo.endCursor).' })
  after?: string | null;
}
