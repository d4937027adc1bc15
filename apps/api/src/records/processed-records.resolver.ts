import { QueryBus } from '@nestjs/cqrs';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { ProcessedRecordsPage } from '@pipeline/domain/ports/processed-records-reader.js';
import { CountProcessedRecords } from '@pipeline/application/records/count-processed-records/count-processed-records.query.js';
import {
  DEFAULT_RECORDS_PAGE,
  QueryProcessedRecords,
} from '@pipeline/application/records/query-processed-records/query-processed-records.query.js';
import type { RecordsSelectionInput } from '@pipeline/application/records/records-selection.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { pageComplexity } from '../graphql/query-complexity.js';
import { ProcessedRecordConnection } from './processed-record.model.js';
import { ProcessedRecordsArgs } from './processed-records.args.js';

@Resolver(() => ProcessedRecordConnection)
export class ProcessedRecordsResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => ProcessedRecordConnection, {
    description: 'Processed records of one dataset, filtered on JSON paths, in a stable order with cursor paging.',
    complexity: pageComplexity(DEFAULT_RECORDS_PAGE),
  })
  @RequireRole('reader')
  async processedRecords(@Args() args: ProcessedRecordsArgs): Promise<ProcessedRecordConnection> {
    const selection: RecordsSelectionInput = {
      dataset: args.dataset,
      ingestionId: args.ingestionId,
      where: args.where?.map((w) => ({ path: w.path, op: w.op, value: w.value })),
      from: args.from,
      to: args.to,
    };
    const page: ProcessedRecordsPage = await this.queryBus.execute(new QueryProcessedRecords(selection, args.first, args.after));
    // The record itself is the node (its extra `cursor` property is not part of the node type): one object less per row.
    const edges = page.records.map((record) => ({ cursor: record.cursor, node: record }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      selection,
    };
  }

  @ResolveField(() => Int, { description: 'All matching records (counted only when selected).', complexity: 10 })
  totalCount(@Parent() connection: ProcessedRecordConnection): Promise<number> {
    return this.queryBus.execute(new CountProcessedRecords(connection.selection));
  }
}
