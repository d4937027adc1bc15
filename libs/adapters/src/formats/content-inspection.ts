import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from './decode-reasons.js';
import { countLineFeeds } from './utf8-validation.js';

/** How much of the (decompressed) input is looked at before decoding starts. */
export const INSPECTED_BYTES = 64 * 1024;

/** More control characters than this share of the inspected bytes means the input is not text. */
const maxControlRatio = 0.1;

/**
 * Rejects inputs that are not text before any record is read: nothing but whitespace
 * (EMPTY_FILE, when the whole input is in `head`), UTF-16, NUL bytes or many control characters.
 */
export function inspectHead(head: Buffer, complete: boolean, file: string): void {
  if (complete && isBlank(head)) throw new DecodeError(DecodeReason.EMPTY_FILE, file, 'the file is empty (no bytes, or only whitespace)');
  if (startsWithUtf16Bom(head)) {
    throw new DecodeError(DecodeReason.INVALID_UTF8, file, 'UTF-16 byte-order mark: only UTF-8 text is supported', 1);
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    const detail = `binary content (NUL byte at byte ${nul}); expected CSV, JSON or NDJSON text`;
    throw new DecodeError(DecodeReason.BINARY_CONTENT, file, detail, 1 + countLineFeeds(head, nul));
  }
  const controls = countControlBytes(head);
  if (controls > head.length * maxControlRatio) {
    const detail = `binary content (${controls} control characters in the first ${head.length} bytes); expected CSV, JSON or NDJSON text`;
    throw new DecodeError(DecodeReason.BINARY_CONTENT, file, detail);
  }
}

function isBlank(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) if (!isWhitespace(bytes[i])) return false;
  return true;
}

const isWhitespace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

const startsWithUtf16Bom = (bytes: Buffer): boolean => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

// C0 controls other than tab, LF, VT, FF, CR; and DEL.
function countControlBytes(bytes: Buffer): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f) count++;
  }
  return count;
}
