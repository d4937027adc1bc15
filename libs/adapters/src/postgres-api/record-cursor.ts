import { PortError } from '@pipeline/domain/errors.js';

/** A position in the processed-records order: the exact `ingested_at` text (microseconds), ingestion and row. */
export interface RecordPosition {
  readonly ingestedAt: string;
  readonly ingestionId: string;
  readonly rowNumber: number;
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** base64url of a JSON triple: opaque to clients, and checked field by field when it comes back. */
export function encodeRecordCursor(p: RecordPosition): string {
  // One cursor per record of every page, and the rows of a page mostly share their ingestion and
  // time: the base64 of that shared start is reused and only the row's few bytes are encoded.
  const head = plainHead(p.ingestedAt, p.ingestionId);
  if (head && Number.isSafeInteger(p.rowNumber)) return head.encoded + base64url(btoa(`${head.rest}${p.rowNumber}]`));
  return Buffer.from(JSON.stringify([p.ingestedAt, p.ingestionId, p.rowNumber])).toString('base64url');
}

/** Characters JSON.stringify writes as they are (ISO timestamps, ingestion ids). */
const PLAIN = /^[A-Za-z0-9_.:+-]*$/;

/**
 * `["<at>","<id>",` split where base64 can be cut (a multiple of 3 bytes): the encoded start and
 * the bytes left over. Such text is ASCII (the same bytes as UTF-8), so btoa encodes it. Null when
 * either value would need JSON escaping.
 */
interface CursorHead {
  readonly ingestedAt: string;
  readonly ingestionId: string;
  readonly encoded: string;
  readonly rest: string;
}

let lastHead: CursorHead | null = null;

function plainHead(ingestedAt: string, ingestionId: string): CursorHead | null {
  if (lastHead && lastHead.ingestedAt === ingestedAt && lastHead.ingestionId === ingestionId) return lastHead;
  if (!PLAIN.test(ingestedAt) || !PLAIN.test(ingestionId)) return null;
  const start = `["${ingestedAt}","${ingestionId}",`;
  const cut = start.length - (start.length % 3);
  lastHead = { ingestedAt, ingestionId, encoded: base64url(btoa(start.slice(0, cut))), rest: start.slice(cut) };
  return lastHead;
}

function base64url(base64: string): string {
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === 0x3d) end--; // '=' padding
  const unpadded = end === base64.length ? base64 : base64.slice(0, end);
  return unpadded.includes('+') || unpadded.includes('/') ? unpadded.replace(/\+/g, '-').replace(/\//g, '_') : unpadded;
}

export function decodeRecordCursor(cursor: string): RecordPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 3) {
    const [ingestedAt, ingestionId, rowNumber] = value as unknown[];
    if (
      typeof ingestedAt === 'string' &&
      ISO_MICROS.test(ingestedAt) &&
      typeof ingestionId === 'string' &&
      ingestionId.length <= 200 &&
      Number.isSafeInteger(rowNumber)
    ) {
      return { ingestedAt, ingestionId, rowNumber: rowNumber as number };
    }
  }
  throw new PortError('INVALID_INPUT', 'invalid cursor: pass a cursor exactly as an earlier page returned it');
}
