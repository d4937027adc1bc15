import { parseWorkMessage } from '@pipeline/application/work/work-message.js';

/** One object S3 reports as created. */
export interface CreatedObject {
  readonly bucket: string;
  /** The object key, decoded (S3 notifications URL-encode it; EventBridge does not). */
  readonly key: string;
  readonly etag?: string;
  /** Absent on unversioned buckets (S3 says "null" there). */
  readonly versionId?: string;
  readonly size?: number;
  /** When S3 created it (ISO-8601). */
  readonly eventTime?: string;
}

/** What one processing-queue message asks for. */
export type QueueWork =
  /** A work message (`{"kind":"process-ingestion",…}`): sent by RegisterIngestion, replays and the API. */
  | { readonly kind: 'process'; readonly ingestionId: string }
  | { readonly kind: 'object'; readonly object: CreatedObject }
  /** Nothing to do: S3's s3:TestEvent, or an event that is not a creation. */
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

type Json = Record<string, unknown>;

/**
 * Reads a processing-queue body: an EventBridge "Object Created" envelope (what Terraform wires),
 * a classic S3 notification (what `pipeline aws provision` falls back to; several records per
 * body), S3's test event, or a pipeline work message.
 * @example parseQueueBody('{"Event":"s3:TestEvent"}') // [{ kind: 'ignore', reason: 's3:TestEvent' }]
 */
export function parseQueueBody(body: string): QueueWork[] {
  const work = parseWorkMessage(body);
  if (work) return [{ kind: 'process', ingestionId: work.ingestionId }];
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [{ kind: 'unreadable', reason: `not JSON: ${body.slice(0, 120)}` }];
  }
  if (!isObject(value)) return [{ kind: 'unreadable', reason: `not a JSON object: ${body.slice(0, 120)}` }];
  if (value.Event === 's3:TestEvent') return [{ kind: 'ignore', reason: 's3:TestEvent' }];
  if (value.source === 'aws.s3' && typeof value['detail-type'] === 'string') return [fromEventBridge(value)];
  if (Array.isArray(value.Records)) return value.Records.map(fromS3Record);
  return [{ kind: 'unreadable', reason: `neither an S3 event nor a work message: ${body.slice(0, 120)}` }];
}

function fromEventBridge(envelope: Json): QueueWork {
  if (envelope['detail-type'] !== 'Object Created') return { kind: 'ignore', reason: `EventBridge ${String(envelope['detail-type'])}` };
  const detail = isObject(envelope.detail) ? envelope.detail : {};
  const bucket = isObject(detail.bucket) ? detail.bucket.name : undefined;
  const object = isObject(detail.object) ? detail.object : {};
  if (typeof bucket !== 'string' || typeof object.key !== 'string')
    return { kind: 'unreadable', reason: 'EventBridge Object Created without bucket name or object key' };
  return {
    kind: 'object',
    object: describe(bucket, object.key, {
      // AWS writes `etag`; moto writes `eTag`.
      etag: object.etag ?? object.eTag,
      versionId: object['version-id'],
      size: object.size,
      eventTime: envelope.time,
    }),
  };
}

function fromS3Record(record: unknown): QueueWork {
  if (!isObject(record) || !isObject(record.s3)) return { kind: 'unreadable', reason: 'S3 notification record without s3' };
  const name = String(record.eventName ?? '');
  if (!name.startsWith('ObjectCreated:')) return { kind: 'ignore', reason: `S3 ${name}` };
  const bucket = isObject(record.s3.bucket) ? record.s3.bucket.name : undefined;
  const object = isObject(record.s3.object) ? record.s3.object : {};
  if (typeof bucket !== 'string' || typeof object.key !== 'string')
    return { kind: 'unreadable', reason: 'S3 notification without bucket name or object key' };
  const key = decodeS3Key(object.key);
  if (key === null) return { kind: 'unreadable', reason: `S3 notification key is not URL-encoded text: ${object.key}` };
  return {
    kind: 'object',
    object: describe(bucket, key, { etag: object.eTag, versionId: object.versionId, size: object.size, eventTime: record.eventTime }),
  };
}

/** S3 notifications form-encode the key: `+` is a space and everything else is %XX (including `/`). */
export function decodeS3Key(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function describe(
  bucket: string,
  key: string,
  extra: { etag?: unknown; versionId?: unknown; size?: unknown; eventTime?: unknown },
): CreatedObject {
  const versionId =
    typeof extra.versionId === 'string' && extra.versionId !== 'null' && extra.versionId !== '' ? extra.versionId : undefined;
  return {
    bucket,
    key,
    ...(typeof extra.etag === 'string' && extra.etag ? { etag: extra.etag.replace(/^"(.*)"$/, '$1') } : {}),
    ...(versionId ? { versionId } : {}),
    ...(typeof extra.size === 'number' ? { size: extra.size } : {}),
    ...(typeof extra.eventTime === 'string' ? { eventTime: extra.eventTime } : {}),
  };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
