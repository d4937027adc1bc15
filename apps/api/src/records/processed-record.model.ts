import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { RecordsSelectionInput } from '@pipeline/application/records/records-selection.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { PageInfo } from '../graphql/page-info.model.js';

@ObjectType('ProcessedRecord', { description: 'One valid record as stored in processed_data, with its lineage.' })
export class ProcessedRecordNode {
  @Field(() => JsonScalar, {
    description:
      'The transformed record (contract fields and kept unknown fields); its lineage is in ingestionId, rowNumber and ingestedAt.',
  })
  data!: unknown;

  @Field()
  dataset!: string;

  @Field(() => ID)
  ingestionId!: string;

  @Field(() => Int, { description: '1-based record number in the source.' })
  rowNumber!: number;

  @Field({ description: 'ISO-8601 UTC.' })
  ingestedAt!: string;
}

@ObjectType()
export class ProcessedRecordEdge {
  @Field()
  cursor!: string;

  @Field(() => ProcessedRecordNode)
  node!: ProcessedRecordNode;
}

@ObjectType()
export class ProcessedRecordConnection {
  @Field(() => [ProcessedRecordEdge])
  edges!: ProcessedRecordEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Not a GraphQL field: what totalCount counts, resolved only when a client selects it. */
  selection!: RecordsSelectionInput;
}
