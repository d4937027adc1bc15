import { DecodeError } from '@pipeline/domain/errors.js';
import { type DecodedItem } from '@pipeline/domain/ports/record-decoder.js';
import { BadRecordCode, DecodeReason } from '../decode-reasons.js';
import { badItem, ItemBatcher } from '../decoded-items.js';
import { type FormatContext } from '../decoder-options.js';
import { JsonElementScanner } from './json-element-scanner.js';
import { elementSyntaxError, isJsonObject, jsonTypeName } from './json-parse-failure.js';

/**
 * A JSON array of objects, or an object whose "data" key holds one, → batches of records.
 * Each element is cut out by the scanner and JSON.parsed alone; an element that is not an
 * object is a `bad` item, a syntax error is fatal.
 */
export async function* decodeJsonArray(text: AsyncIterable<string>, context: FormatContext): AsyncGenerator<DecodedItem[]> {
  const { file } = context;
  const batches = new ItemBatcher(context.limits.batchSize);
  const scanner = new JsonElementScanner(context, (element, line) => {
    const index = scanner.elements;
    let value: unknown;
    try {
      value = JSON.parse(element);
    } catch (error) {
      throw elementSyntaxError(error, element, file, line, index);
    }
    if (isJsonObject(value)) batches.push({ kind: 'record', record: value, index, line });
    else batches.push(badItem(file, index, line, BadRecordCode.NOT_AN_OBJECT, `expected an object, found ${jsonTypeName(value)}`, element));
  });
  for await (const chunk of text) {
    scanner.feed(chunk);
    yield* batches.drain();
  }
  scanner.end();
  if (scanner.elements === 0) throw new DecodeError(DecodeReason.NO_RECORDS, file, 'the JSON array holds no records', scanner.line);
  yield* batches.finish();
}
