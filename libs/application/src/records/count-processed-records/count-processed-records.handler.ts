import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProcessedRecordsReader } from '@pipeline/domain/ports/processed-records-reader.js';
import { parseRecordsSelection } from '../records-selection.js';
import { CountProcessedRecords } from './count-processed-records.query.js';

@QueryHandler(CountProcessedRecords)
export class CountProcessedRecordsHandler implements IQueryHandler<CountProcessedRecords, number> {
  constructor(private readonly reader: ProcessedRecordsReader) {}

  execute(query: CountProcessedRecords): Promise<number> {
    return this.reader.count(parseRecordsSelection(query.selection));
  }
}
