import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PortError } from '@pipeline/domain/errors.js';
import { ProcessedRecordsReader, type ProcessedRecordsPage } from '@pipeline/domain/ports/processed-records-reader.js';
import { parseRecordsSelection } from '../records-selection.js';
import { MAX_RECORDS_PAGE, QueryProcessedRecords } from './query-processed-records.query.js';

@QueryHandler(QueryProcessedRecords)
export class QueryProcessedRecordsHandler implements IQueryHandler<QueryProcessedRecords, ProcessedRecordsPage> {
  constructor(private readonly reader: ProcessedRecordsReader) {}

  execute(query: QueryProcessedRecords): Promise<ProcessedRecordsPage> {
    if (!Number.isInteger(query.first) || query.first < 0 || query.first > MAX_RECORDS_PAGE) {
      throw new PortError('INVALID_INPUT', `first must be an integer from 0 to ${MAX_RECORDS_PAGE}`);
    }
    const selection = parseRecordsSelection(query.selection);
    return this.reader.page(selection, { first: query.first, ...(query.after ? { after: query.after } : {}) });
  }
}
