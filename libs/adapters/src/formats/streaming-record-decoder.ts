import { type Readable } from 'node:stream';
import { Injectable, Optional } from '@nestjs/common';
import { type DecodedItem, type DecodeSource, type InputFormat, RecordDecoder } from '@pipeline/domain/ports/record-decoder.js';
import { ByteHead } from './byte-head.js';
import { INSPECTED_BYTES, inspectHead } from './content-inspection.js';
import { decodeCsv } from './csv/csv-decoder.js';
import { type DecoderLimits, DecoderOptions, type FormatContext, resolveDecoderLimits } from './decoder-options.js';
import { firstLineComplete, sniffFormat } from './format-sniffer.js';
import { gunzipBytes, isGzipMagic } from './gzip-bytes.js';
import { type FormatHint, formatHint } from './input-format.js';
import { decodeJsonArray } from './json/json-array-decoder.js';
import { decodeNdjson } from './json/ndjson-decoder.js';
import { LineCounter, utf8Text } from './utf8-text.js';

type FormatDecoder = (text: AsyncIterable<string>, context: FormatContext) => AsyncGenerator<DecodedItem[]>;

const decoders: Readonly<Record<InputFormat, FormatDecoder>> = { csv: decodeCsv, json: decodeJsonArray, ndjson: decodeNdjson };

/**
 * Streams CSV, JSON (array or `{"data":[...]}`) and NDJSON, each optionally gzipped, into
 * batches of records. Reads with backpressure and holds at most one record (bounded by
 * `maxLineBytes`) plus one chunk and one batch: a 1 GB input is never in memory.
 */
@Injectable()
export class StreamingRecordDecoder extends RecordDecoder {
  private readonly limits: DecoderLimits;

  constructor(@Optional() options?: DecoderOptions) {
    super();
    this.limits = resolveDecoderLimits(options);
  }

  /** @example for await (const batch of decoder.decode(createReadStream(path), { name: 'raw/orders/a.csv.gz' })) … */
  async *decode(input: Readable, source: DecodeSource): AsyncGenerator<DecodedItem[]> {
    const file = source.name;
    let bytes: AsyncGenerator<Buffer> | undefined;
    try {
      const hint = formatHint(file, source.format);
      const lines = new LineCounter();
      const raw = await new ByteHead(input[Symbol.asyncIterator]()).fill(2);
      bytes = isGzipMagic(raw.bytes) ? gunzipBytes(raw.replay(), file, () => lines.line) : raw.replay();
      const head = await this.readHead(bytes[Symbol.asyncIterator](), hint);
      inspectHead(head.bytes, head.complete, file);
      const context: FormatContext = { file, limits: this.limits, delimiter: hint.kind === 'format' ? hint.delimiter : undefined };
      const format = hint.kind === 'format' ? hint.format : sniffFormat(head.bytes.toString('utf8'), hint.kind === 'json-or-ndjson');
      yield* decoders[format](utf8Text(head.replay(), file, lines), context);
    } finally {
      // Also when the caller stops early or the input is rejected unread: stop gunzip, release the socket or file handle.
      await bytes?.return(undefined);
      input.destroy();
    }
  }

  // Enough of the text to check it and tell the format: 64 KiB, and for a `{` text its whole first line.
  private async readHead(bytes: AsyncIterator<Buffer>, hint: FormatHint): Promise<ByteHead> {
    const head = await new ByteHead(bytes).fill(INSPECTED_BYTES);
    if (hint.kind === 'format' || head.complete || firstLineComplete(head.bytes.toString('utf8'))) return head;
    return head.fill(this.limits.maxLineBytes, (chunk) => chunk.includes(0x0a));
  }
}
