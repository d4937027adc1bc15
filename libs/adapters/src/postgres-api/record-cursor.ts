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
  // One cursor per record of every page. Text that needs no JSON escaping is put together directly
  // and, being ASCII (the same bytes as UTF-8), encoded with btoa: a fraction of a Buffer round trip.
  if (PLAIN.test(p.ingestedAt) && PLAIN.test(p.ingestionId) && Number.isSafeInteger(p.rowNumber)) {
    return base64url(btoa(`["${p.ingestedAt}","${p.ingestionId}",${p.rowNumber}]`));
  }
  return Buffer.from(JSON.stringify([p.ingestedAt, p.ingestionId, p.rowNumber])).toString('base64url');
}

/** Characters JSON.stringify writes as they are (ISO timestamps, ingestion ids). */
const PLAIN = /^[A-Za-z0-9_.:+-]*$/;

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
