import { createHash } from 'node:crypto';
import { canonicalJson } from '../contract/canonical-json.js';

/** What identifies an ingestion: one version of one object, or one payload. */
export type IngestionIdInput =
  | {
      readonly kind: 'object';
      readonly key: string;
      readonly bucket?: string;
      readonly versionId?: string;
      readonly etag?: string;
    }
  /** An API/invoke payload, identified by its content and the client's request id. */
  | { readonly kind: 'payload'; readonly records: readonly unknown[]; readonly clientRequestId?: string }
  /** A payload already kept in the raw area (an IngestionSource): its key stands for its content. */
  | { readonly kind: 'payload'; readonly key: string; readonly clientRequestId?: string };

/**
 * The deterministic ingestion id, so a redelivered event lands on the same stream.
 *
 * Objects: sha256 of `[bucket/]key|versionId` (or the ETag when the bucket is unversioned:
 * S3 and moto report versionId "null" then). Payloads: sha256 of the canonical JSON of the
 * records (keys sorted) plus the client request id. The same records sent with another
 * request id are another ingestion on purpose: a client that resends deliberately says so.
 *
 * Format: a UUID-shaped string (RFC 9562 version 8, "custom": the first 122 bits of the
 * hash with the version and variant bits set), so it fits a Postgres `uuid` column as well
 * as a file name.
 * @example ingestionIdFor({ kind: 'object', key: 'raw/orders/a.csv', etag: '"9b2cf5"' }) // '5d1c…-…-8…'
 */
export function ingestionIdFor(input: IngestionIdInput): string {
  return uuidShaped(createHash('sha256').update(identityText(input)).digest());
}

function identityText(input: IngestionIdInput): string {
  if (input.kind === 'object') {
    const version = input.versionId && input.versionId !== 'null' ? `v:${input.versionId}` : `e:${unquote(input.etag ?? '')}`;
    return `object|${input.bucket ? `${input.bucket}/` : ''}${input.key}|${version}`;
  }
  const request = input.clientRequestId ?? '';
  return 'records' in input ? `payload|${canonicalJson(input.records)}|${request}` : `payload-key|${input.key}|${request}`;
}

/** S3 quotes ETags (`"abc"`), some listings and emulators do not. */
const unquote = (etag: string): string => etag.replace(/^"(.*)"$/, '$1');

function uuidShaped(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
