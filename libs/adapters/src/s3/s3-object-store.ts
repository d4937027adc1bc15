import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@pipeline/domain/errors.js';
import { ObjectStore, type ObjectInfo, type PutOptions, type UploadUrl } from '@pipeline/domain/ports/object-store.js';
import { awsErrorName, httpStatusOf, toPortError } from '../aws/aws-errors.js';
import { validateListPrefix, validateObjectKey } from '../local-fs/object-key.js';
import type { BucketMap } from './bucket-map.js';
import { countedBody } from './counted-body.js';
import { listBucket, mergeByKey, unquoteEtag } from './s3-listing.js';

export interface S3ObjectStoreOptions {
  /** Server-side encryption requested on every write (default AES256, i.e. SSE-S3). */
  readonly serverSideEncryption?: 'AES256' | 'aws:kms';
  readonly kmsKeyId?: string;
  /** Multipart part size (default 8 MiB, S3's minimum is 5 MiB); bodies up to one part go up in a single PUT. */
  readonly partSizeBytes?: number;
  /** Parts in flight at once (default 4): memory is about partSize × queueSize. */
  readonly queueSize?: number;
}

/** S3 allows presigned URLs for at most 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/**
 * ObjectStore over S3: each key's area (`raw/`, `processed/` …) picks the bucket, and the key stays
 * whole inside it. Writes stream through lib-storage (multipart above one part) with server-side
 * encryption; S3 only shows an object once its upload completes, and a failed multipart upload
 * is aborted, so readers never see part of one.
 */
@Injectable()
export class S3ObjectStore extends ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly buckets: BucketMap,
    private readonly options: S3ObjectStoreOptions = {},
  ) {
    super();
  }

  async get(key: string): Promise<Readable> {
    const location = this.locate(key);
    try {
      const object = await this.client.send(new GetObjectCommand(location));
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`object ${key} not found`, { cause: error });
      throw toPortError(error, `get s3://${location.Bucket}/${key}`);
    }
  }

  async put(key: string, body: Readable | Buffer | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const location = this.locate(key);
    const counted = countedBody(body);
    const { startUpload } = await import('../aws/sdk-clients/s3-upload.client.js');
    const upload = startUpload({
      client: this.client,
      params: {
        ...location,
        Body: counted.body,
        ContentType: options.contentType,
        Metadata: options.metadata ? { ...options.metadata } : undefined,
        ...this.encryptionParams(),
      },
      partSize: this.options.partSizeBytes ?? 8 * 1024 * 1024,
      queueSize: this.options.queueSize ?? 4,
      leavePartsOnError: false,
    });
    try {
      const result = await upload.done();
      return { key, size: counted.bytes(), etag: unquoteEtag(result.ETag), lastModified: new Date(), ...contentTypeOf(options) };
    } catch (error) {
      // A failing input stream is the caller's error and keeps its message; SDK errors are translated.
      throw counted.failure() ?? toPortError(error, `put s3://${location.Bucket}/${key}`);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const location = this.locate(key);
    try {
      const head = await this.client.send(new HeadObjectCommand(location));
      return {
        key,
        size: head.ContentLength ?? 0,
        etag: unquoteEtag(head.ETag),
        lastModified: head.LastModified ?? new Date(0),
        ...contentTypeOf({ contentType: head.ContentType }),
        ...(head.Metadata && Object.keys(head.Metadata).length > 0 ? { metadata: head.Metadata } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw toPortError(error, `head s3://${location.Bucket}/${key}`);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    validateListPrefix(prefix);
    const buckets = this.buckets.bucketsFor(prefix);
    yield* mergeByKey(buckets.map((bucket) => listBucket(this.client, bucket, prefix, this.buckets)));
  }

  async delete(key: string): Promise<void> {
    const location = this.locate(key);
    try {
      await this.client.send(new DeleteObjectCommand(location));
    } catch (error) {
      if (!isMissing(error)) throw toPortError(error, `delete s3://${location.Bucket}/${key}`);
    }
  }

  /**
   * A presigned PUT. The client must send `headers` as given: the encryption header is part of the
   * signature. A presigned PUT cannot cap the size (only a presigned POST policy can), so
   * `maxBytes` is not enforced by S3.
   */
  async createUploadUrl(key: string, options: { expiresInSeconds: number; maxBytes: number; contentType?: string }): Promise<UploadUrl> {
    const location = this.locate(key);
    if (!(options.expiresInSeconds > 0) || options.expiresInSeconds > MAX_PRESIGN_SECONDS) {
      throw new RangeError(`expiresInSeconds must be in (0, ${MAX_PRESIGN_SECONDS}]`);
    }
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) throw new RangeError('maxBytes must be a positive integer');
    const expiresIn = Math.floor(options.expiresInSeconds);
    const command = new PutObjectCommand({ ...location, ContentType: options.contentType, ...this.encryptionParams() });
    const url = await getSignedUrl(this.client, command, { expiresIn }).catch((error: unknown) => {
      throw toPortError(error, `presign PUT s3://${location.Bucket}/${key}`);
    });
    const headers: Record<string, string> = { 'x-amz-server-side-encryption': this.options.serverSideEncryption ?? 'AES256' };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    if (this.options.kmsKeyId) headers['x-amz-server-side-encryption-aws-kms-key-id'] = this.options.kmsKeyId;
    return { url, method: 'PUT', expiresAt: new Date(Date.now() + expiresIn * 1000), headers };
  }

  private locate(key: string): { Bucket: string; Key: string } {
    validateObjectKey(key);
    return { Bucket: this.buckets.bucketFor(key), Key: key };
  }

  private encryptionParams(): { ServerSideEncryption: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string } {
    const algorithm = this.options.serverSideEncryption ?? 'AES256';
    return this.options.kmsKeyId
      ? { ServerSideEncryption: algorithm, SSEKMSKeyId: this.options.kmsKeyId }
      : { ServerSideEncryption: algorithm };
  }
}

/** GetObject says NoSuchKey; HeadObject has no body and says only 404. */
function isMissing(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'NoSuchKey' || name === 'NotFound' || (httpStatusOf(error) === 404 && name !== 'NoSuchBucket');
}

function contentTypeOf(options: { contentType?: string }): { contentType?: string } {
  return options.contentType === undefined ? {} : { contentType: options.contentType };
}
