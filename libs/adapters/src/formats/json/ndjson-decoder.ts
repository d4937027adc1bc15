import { DecodeError } from '@pipeline/domain/errors.js';
import { type DecodedItem } from '@pipeline/domain/ports/record-decoder.js';
import { CarryOver } from '../carry-over.js';
import { BadRecordCode, DecodeReason } from '../decode-reasons.js';
import { badItem, ItemBatcher } from '../decoded-items.js';
import { type FormatContext } from '../decoder-options.js';
import { nestsDeeperThan } from './json-nesting.js';
import { isJsonObject, jsonTypeName, lineOfParseError, parseErrorDetail } from './json-parse-failure.js';

/** One JSON object per line → batches of records. Blank lines are skipped; a line that is not a JSON object is a `bad` item. */
export async function* decodeNdjson(text: AsyncIterable<string>, context: FormatContext): AsyncGenerator<DecodedItem[]> {
  const reader = new NdjsonReader(context);
  for await (const chunk of text) {
    reader.feed(chunk);
    yield* reader.batches.drain();
  }
  reader.end();
  yield* reader.batches.finish();
}

class NdjsonReader {
  readonly batches: ItemBatcher;
  private readonly carry: CarryOver;
  private line = 1;
  private records = 0;

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
    if (this.records === 0) throw new DecodeError(DecodeReason.EMPTY_FILE, this.context.file, 'the file is empty (only blank lines)');
  }

  private scan(text: string, atEnd: boolean): void {
    let pos = 0;
    for (;;) {
      let newline = text.indexOf('\n', pos);
      if (newline === -1) {
        if (!atEnd || pos >= text.length) break;
        newline = text.length;
      }
      const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.readLine(text.slice(pos, end));
      this.line++;
      pos = newline + 1;
    }
    const tail = pos === 0 ? text : text.slice(pos);
    if (tail.length > this.context.limits.maxLineBytes) this.tooLong(tail.length);
    this.carry.keep(tail);
  }

  private readLine(raw: string): void {
    if (raw.length > this.context.limits.maxLineBytes) this.tooLong(raw.length);
    if (raw.length === 0 || (raw.charCodeAt(0) <= 32 && raw.trim() === '')) return;
    const { file, limits } = this.context;
    const index = ++this.records;
    if (nestsDeeperThan(raw, limits.maxDepth)) {
      this.batches.push(
        badItem(file, index, this.line, BadRecordCode.NESTING_TOO_DEEP, `nesting deeper than ${limits.maxDepth} levels`, raw),
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      this.batches.push(
        badItem(file, index, lineOfParseError(error, raw, this.line), BadRecordCode.JSON_SYNTAX, parseErrorDetail(error), raw),
      );
      return;
    }
    if (isJsonObject(value)) this.batches.push({ kind: 'record', record: value, index, line: this.line });
    else
      this.batches.push(
        badItem(file, index, this.line, BadRecordCode.NOT_AN_OBJECT, `expected an object, found ${jsonTypeName(value)}`, raw),
      );
  }

  private tooLong(length: number): never {
    const detail = `line longer than the ${this.context.limits.maxLineBytes}-byte limit (${length}+ characters)`;
    throw new DecodeError(DecodeReason.LINE_TOO_LONG, this.context.file, detail, this.line, this.records + 1);
  }
}
