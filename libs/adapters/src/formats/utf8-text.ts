import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from './decode-reasons.js';
import { countLineFeeds, firstInvalidUtf8 } from './utf8-validation.js';

/** Largest piece of text handed on at once, so one huge input chunk does not turn into one huge batch. */
const maxPieceBytes = 1024 * 1024;

/** Physical line (1-based) the byte stream has reached, shared with the stages around it for error messages. */
export class LineCounter {
  line = 1;
}

/**
 * Decodes UTF-8 bytes to text chunk by chunk (a character cut between chunks is completed
 * from the next one), strips a leading BOM, and turns the first invalid sequence into
 * INVALID_UTF8 naming its line.
 */
export async function* utf8Text(bytes: AsyncIterable<Buffer>, file: string, counter: LineCounter): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carried: Buffer = Buffer.alloc(0);
  for await (const chunk of bytes) {
    for (let start = 0; start < chunk.length; start += maxPieceBytes) {
      const piece = chunk.subarray(start, start + maxPieceBytes);
      const text = decodeOrFail(() => decoder.decode(piece, { stream: true }), carried, piece, file, counter, false);
      counter.line += countLineFeeds(piece);
      carried = tailOf(piece, carried);
      if (text.length > 0) yield text;
    }
  }
  const rest = decodeOrFail(() => decoder.decode(), carried, Buffer.alloc(0), file, counter, true);
  if (rest.length > 0) yield rest;
}

function decodeOrFail(decode: () => string, carried: Buffer, piece: Buffer, file: string, counter: LineCounter, final: boolean): string {
  try {
    return decode();
  } catch (error) {
    throw invalidUtf8(Buffer.concat([carried, piece]), carried.length, file, counter.line, final, error);
  }
}

function invalidUtf8(bytes: Buffer, carriedLength: number, file: string, lineAtPiece: number, final: boolean, cause: unknown): DecodeError {
  const found = firstInvalidUtf8(bytes, final);
  const offset = found === -1 ? carriedLength : found;
  const inPiece = Math.max(0, offset - carriedLength);
  const line = lineAtPiece + countLineFeeds(bytes.subarray(carriedLength), inPiece);
  const hex = (from: number, to: number) => [...bytes.subarray(from, to)].map((b) => '0x' + b.toString(16).padStart(2, '0')).join(' ');
  const detail = final
    ? `invalid UTF-8: the file ends inside a multi-byte character (${hex(offset, bytes.length)})`
    : `invalid UTF-8 (byte ${hex(offset, offset + 1)}); the file must be UTF-8 encoded`;
  return new DecodeError(DecodeReason.INVALID_UTF8, file, detail, line, undefined, { cause });
}

// Up to 3 bytes before the next piece, starting at a lead byte, so a sequence cut between pieces can be validated whole.
function tailOf(piece: Buffer, previous: Buffer): Buffer {
  const joined = piece.length >= 3 ? piece : Buffer.concat([previous, piece]);
  let start = Math.max(0, joined.length - 3);
  while (start < joined.length && (joined[start] & 0xc0) === 0x80) start++;
  return Buffer.from(joined.subarray(start));
}
