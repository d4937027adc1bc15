import { DecodeError } from '@pipeline/domain/errors.js';
import { type DecodedItem } from '@pipeline/domain/ports/record-decoder.js';
import { type RawRecord } from '@pipeline/domain/records/processed-row.js';
import { CarryOver } from '../carry-over.js';
import { BadRecordCode, DecodeReason } from '../decode-reasons.js';
import { badItem, ItemBatcher } from '../decoded-items.js';
import { type FormatContext } from '../decoder-options.js';
import { columnNames, detectDelimiter } from './csv-header.js';
import { type CsvRowSink, CsvScanner } from './csv-scanner.js';

/** CSV text → batches of records keyed by the header's column names; values stay strings. */
export async function* decodeCsv(text: AsyncIterable<string>, context: FormatContext): AsyncGenerator<DecodedItem[]> {
  const reader = new CsvReader(context);
  for await (const chunk of text) {
    reader.feed(chunk);
    yield* reader.batches.drain();
  }
  reader.end();
  yield* reader.batches.finish();
}

class CsvReader implements CsvRowSink {
  readonly batches: ItemBatcher;
  private readonly carry: CarryOver;
  private scanner: CsvScanner | undefined;
  private columns: string[] | undefined;
  private headerLine = 1;
  private records = 0;
  private text = '';

  constructor(private readonly context: FormatContext) {
    this.batches = new ItemBatcher(context.limits.batchSize);
    this.carry = new CarryOver(context.limits.maxLineBytes);
  }

  feed(chunk: string): void {
    const text = this.carry.add(chunk);
    if (text !== undefined) this.scan(text, false);
  }

  end(): void {
    this.scan(this.carry.take(), true);
    const { file } = this.context;
    if (this.columns === undefined) throw new DecodeError(DecodeReason.EMPTY_FILE, file, 'the file is empty (no header line)');
    if (this.records === 0) {
      throw new DecodeError(DecodeReason.HEADER_ONLY, file, 'the file has a header but no records', this.headerLine);
    }
  }

  row(fields: string[], line: number, start: number, end: number): void {
    if (end - start > this.context.limits.maxLineBytes) this.tooLong(line, end - start);
    if (this.columns === undefined) {
      this.columns = columnNames(fields, this.context.file, line);
      this.headerLine = line;
      return;
    }
    const index = ++this.records;
    if (fields.length === this.columns.length) {
      this.batches.push({ kind: 'record', record: this.toRecord(fields), index, line });
      return;
    }
    const detail = `expected ${this.columns.length} fields as in the header but found ${fields.length}`;
    this.batches.push(badItem(this.context.file, index, line, BadRecordCode.RAGGED_ROW, detail, this.text.slice(start, end)));
  }

  private scan(text: string, atEnd: boolean): void {
    const scanner = this.scanner ?? this.startScanner(text, atEnd);
    let consumed = 0;
    if (scanner !== undefined) {
      this.text = text;
      consumed = scanner.scan(text, atEnd);
      this.text = '';
    }
    const tail = consumed === 0 ? text : text.slice(consumed);
    if (atEnd && tail.length > 0) this.unbalanced();
    if (tail.length > this.context.limits.maxLineBytes) this.tooLong(scanner?.line ?? 1, tail.length);
    this.carry.keep(tail);
  }

  // The delimiter comes from the first non-blank line, so the scanner starts once that line is complete.
  private startScanner(text: string, atEnd: boolean): CsvScanner | undefined {
    const start = text.search(/[^\r\n]/);
    const newline = start === -1 ? -1 : text.indexOf('\n', start);
    if (newline === -1 && !atEnd) return undefined;
    const headerLine = start === -1 ? '' : text.slice(start, newline === -1 ? undefined : newline);
    this.scanner = new CsvScanner(this.context.delimiter ?? detectDelimiter(headerLine), this);
    return this.scanner;
  }

  private toRecord(fields: string[]): RawRecord {
    const columns = this.columns!;
    const record: RawRecord = {};
    for (let i = 0; i < columns.length; i++) {
      // A column named __proto__ must become a field, not the record's prototype.
      if (columns[i] === '__proto__') Object.defineProperty(record, '__proto__', { value: fields[i], enumerable: true, writable: true });
      else record[columns[i]] = fields[i];
    }
    return record;
  }

  private unbalanced(): never {
    const line = this.scanner?.openQuoteLine ?? this.scanner?.line;
    const detail = `unbalanced quote: the quoted field opened on line ${line} is never closed`;
    throw new DecodeError(DecodeReason.UNBALANCED_QUOTE, this.context.file, detail, line, this.records + 1);
  }

  private tooLong(line: number, length: number): never {
    const { maxLineBytes } = this.context.limits;
    const openQuote = this.scanner?.openQuoteLine;
    const hint = openQuote === undefined ? '' : ` (a quote opened on line ${openQuote} is still open: unbalanced quote?)`;
    const detail = `record longer than the ${maxLineBytes}-byte limit (${length}+ characters)${hint}`;
    throw new DecodeError(DecodeReason.LINE_TOO_LONG, this.context.file, detail, line, this.records + 1);
  }
}
