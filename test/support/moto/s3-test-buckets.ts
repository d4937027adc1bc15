import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { BucketMap } from '@pipeline/adapters/s3/bucket-map.js';
import { S3ObjectStore, type S3ObjectStoreOptions } from '@pipeline/adapters/s3/s3-object-store.js';
import { uniqueName, type MotoHandle } from './describe-with-moto.js';

export interface S3TestBuckets {
  readonly client: S3Client;
  /** Bucket per area as the aws wiring maps them, plus `other` for areas it does not name. */
  readonly names: { readonly raw: string; readonly processed: string; readonly reports: string; readonly other: string };
  readonly store: S3ObjectStore;
  cleanup(): Promise<void>;
}

/** Fresh buckets on moto and an S3ObjectStore over them, mapped as in aws mode. */
export async function createS3TestBuckets(moto: MotoHandle, options: S3ObjectStoreOptions = {}): Promise<S3TestBuckets> {
  const client = new S3Client(s3ClientConfig(moto.settings));
  const names = { raw: uniqueName('raw'), processed: uniqueName('processed'), reports: uniqueName('reports'), other: uniqueName('other') };
  for (const bucket of Object.values(names)) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const map = new BucketMap(
    { raw: names.raw, processed: names.processed, quarantine: names.processed, tmp: names.processed, reports: names.reports },
    names.other,
  );
  return {
    client,
    names,
    store: new S3ObjectStore(client, map, options),
    async cleanup() {
      for (const bucket of Object.values(names)) await deleteBucket(client, bucket);
      client.destroy();
    },
  };
}

export async function deleteBucket(client: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length === 0) break;
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Keys of one bucket as S3 itself lists them. */
export async function bucketKeys(client: S3Client, bucket: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key!);
}
