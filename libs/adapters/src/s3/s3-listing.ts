import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '@pipeline/domain/ports/object-store.js';
import { isPortError } from '@pipeline/domain/errors.js';
import { toPortError } from '../aws/aws-errors.js';
import { validateObjectKey } from '../local-fs/object-key.js';
import type { BucketMap } from './bucket-map.js';

/** S3 quotes ETags (`"9b2c…"`); the port's etag is the bare value, as the local store reports it. */
export const unquoteEtag = (etag: string | undefined): string => (etag ?? '').replace(/^"(.*)"$/, '$1');

/** Every object of one bucket under `prefix`, in S3's order (UTF-8 bytes of the key), page by page. */
export async function* listBucket(client: S3Client, bucket: string, prefix: string, buckets: BucketMap): AsyncIterable<ObjectInfo> {
  let token: string | undefined;
  do {
    const page = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
      .catch((error: unknown) => {
        throw toPortError(error, `list s3://${bucket}/${prefix}`);
      });
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      // Objects put there by other means (another area's layout, keys the store would refuse) are not this store's.
      if (!buckets.holds(bucket, key) || !isValidKey(key)) continue;
      yield { key, size: object.Size ?? 0, etag: unquoteEtag(object.ETag), lastModified: object.LastModified ?? new Date(0) };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

function isValidKey(key: string): boolean {
  try {
    validateObjectKey(key);
    return true;
  } catch (error) {
    if (isPortError(error)) return false;
    throw error;
  }
}

const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Merges listings that are each in key order into one listing in key order. */
export async function* mergeByKey(listings: readonly AsyncIterable<ObjectInfo>[]): AsyncIterable<ObjectInfo> {
  const cursors = listings.map((l) => l[Symbol.asyncIterator]());
  const heads = await Promise.all(cursors.map((c) => c.next()));
  for (;;) {
    let next = -1;
    heads.forEach((head, i) => {
      if (!head.done && (next < 0 || utf8Order(head.value.key, (heads[next].value as ObjectInfo).key) < 0)) next = i;
    });
    if (next < 0) return;
    yield heads[next].value as ObjectInfo;
    heads[next] = await cursors[next].next();
  }
}
