import type { Readable } from 'node:stream';

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType?: string;
  /** User metadata given at put (head only; listings leave it out). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Metadata key (value: the ingestion id) on a raw object whose writer registers the ingestion
 * itself (a direct invocation, an API payload, `pipeline ingest`): the S3 "Object Created" event
 * for it is then not a new ingestion. Lower case: S3 lower-cases metadata keys.
 */
export const REGISTERED_INGESTION_METADATA = 'pipeline-ingestion-id';

export interface PutOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface UploadUrl {
  readonly url: string;
  readonly method: 'PUT';
  readonly expiresAt: Date;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Blob storage addressed by keys whose first segment is the area:
 * `raw/…`, `processed/…`, `quarantine/…`, `reports/…`, `inbox/…`, `tmp/…`.
 * Keys are validated: no `..`, no absolute paths, no empty or control-character segments.
 */
export abstract class ObjectStore {
  /** Streams an object. @example (await store.get('raw/orders/a.csv')).pipe(parser) — throws NotFoundError. */
  abstract get(key: string): Promise<Readable>;
  /** Writes an object from a stream, buffer or string; atomic (readers never see a partial object). @example await store.put('processed/x.jsonl', stream) */
  abstract put(key: string, body: Readable | Buffer | string, options?: PutOptions): Promise<ObjectInfo>;
  /** Metadata, or null when the object does not exist. @example await store.head('raw/orders/a.csv') */
  abstract head(key: string): Promise<ObjectInfo | null>;
  /** Objects under a prefix, in key order. @example for await (const o of store.list('processed/dataset=orders/')) … */
  abstract list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Removes an object; removing a missing object is not an error. */
  abstract delete(key: string): Promise<void>;
  /** A URL a client can PUT the object to, valid until `expiresAt`. @example await store.createUploadUrl('raw/orders/a.csv', { expiresInSeconds: 900, maxBytes: 1e9 }) */
  abstract createUploadUrl(key: string, options: { expiresInSeconds: number; maxBytes: number; contentType?: string }): Promise<UploadUrl>;
}
