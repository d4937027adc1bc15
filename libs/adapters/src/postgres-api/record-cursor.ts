import { PortError } from '@pipeline/domain/errors.js';

/** A position in the processed-records order: the exact `ingested_at` text (microseconds), ingestion and row. */
export interface RecordPosition {
  readonly ingestedAt: string;
  readonly ingestionId: string;
  readonly rowNumber: number;
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** base64url of a JSON triple: opaque to clients, and checked field by field when it comes back. */
export const encodeRecordCursor = (p: RecordPosition): string =>
  Buffer.from(JSON.stringify([p.ingestedAt, p.ingestionId, p.rowNumber])).toString('base64url');

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
