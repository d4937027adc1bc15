import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { InvalidKeyError } from '@pipeline/domain/errors.js';
import { BucketMap } from '@pipeline/adapters/s3/bucket-map.js';
import { S3ObjectStore } from '@pipeline/adapters/s3/s3-object-store.js';
import { describeWithMoto } from '@pipeline/testing/moto/describe-with-moto.js';
import { bucketKeys, createS3TestBuckets, type S3TestBuckets } from '@pipeline/testing/moto/s3-test-buckets.js';
import { describeObjectStoreContract, failingStream, listKeys, readAll } from './suites/object-store.contract-suite.js';

describeWithMoto('S3ObjectStore on moto', (moto) => {
  describeObjectStoreContract('S3ObjectStore (moto, one bucket per area)', async () => {
    const buckets = await createS3TestBuckets(moto);
    return { store: buckets.store, cleanup: () => buckets.cleanup() };
  });

  describe('S3 specifics', () => {
    let s3: S3TestBuckets;
    beforeEach(async () => {
      s3 = await createS3TestBuckets(moto, { partSizeBytes: 5 * 1024 * 1024 });
    });
    afterEach(() => s3.cleanup());

    it('puts each area into its bucket, keeping the whole key', async () => {
      for (const key of [
        'raw/orders/a.csv',
        'processed/dataset=orders/x.parquet',
        'quarantine/dataset=orders/x.rejected.jsonl',
        'reports/2026-11-26/r.json',
        'misc/x',
      ]) {
        await s3.store.put(key, key);
      }
      expect(await bucketKeys(s3.client, s3.names.raw)).toEqual(['raw/orders/a.csv']);
      expect(await bucketKeys(s3.client, s3.names.processed)).toEqual([
        'processed/dataset=orders/x.parquet',
        'quarantine/dataset=orders/x.rejected.jsonl',
      ]);
      expect(await bucketKeys(s3.client, s3.names.reports)).toEqual(['reports/2026-11-26/r.json']);
      expect(await bucketKeys(s3.client, s3.names.other)).toEqual(['misc/x']);
      expect(await listKeys(s3.store, '')).toEqual([
        'misc/x',
        'processed/dataset=orders/x.parquet',
        'quarantine/dataset=orders/x.rejected.jsonl',
        'raw/orders/a.csv',
        'reports/2026-11-26/r.json',
      ]);
    });

    it('refuses an area with no bucket when there is no fallback', async () => {
      const strict = new S3ObjectStore(s3.client, new BucketMap({ raw: s3.names.raw }));
      await expect(strict.put('processed/x', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await listKeys(strict, 'proc')).toEqual([]);
    });

    it('ignores objects of another area that sit in a bucket', async () => {
      await s3.store.put('raw/a.csv', 'a');
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      await s3.client.send(new PutObjectCommand({ Bucket: s3.names.raw, Key: 'processed/stray', Body: 'x' }));
      await s3.client.send(new PutObjectCommand({ Bucket: s3.names.raw, Key: 'raw//bad', Body: 'x' }));
      expect(await listKeys(s3.store, '')).toEqual(['raw/a.csv']);
    });

    it('asks for server-side encryption and keeps content type and metadata', async () => {
      await s3.store.put('raw/orders/a.csv', 'id\n1\n', { contentType: 'text/csv', metadata: { 'pipeline-ingestion-id': 'abc' } });
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.names.raw, Key: 'raw/orders/a.csv' }));
      expect(head).toMatchObject({ ServerSideEncryption: 'AES256', ContentType: 'text/csv', Metadata: { 'pipeline-ingestion-id': 'abc' } });
    });

    it('streams a body larger than one part as a multipart upload', async () => {
      const chunks = Array.from({ length: 12 }, () => randomBytes(1024 * 1024));
      const info = await s3.store.put('raw/big/file.bin', Readable.from(chunks));
      expect(info.size).toBe(12 * 1024 * 1024);
      expect(info.etag).toMatch(/^[0-9a-f]{32}-3$/);
      expect((await readAll(await s3.store.get('raw/big/file.bin'))).equals(Buffer.concat(chunks))).toBe(true);
      expect((await s3.store.head('raw/big/file.bin'))!.etag).toBe(info.etag);
    });

    it('leaves nothing when a multipart upload fails after some parts', async () => {
      await expect(s3.store.put('raw/big/broken.bin', failingStream(11 * 1024 * 1024))).rejects.toThrow('connection reset by client');
      expect(await listKeys(s3.store, '')).toEqual([]);
    });

    it('gives a presigned PUT URL that uploads with the headers it names', async () => {
      const upload = await s3.store.createUploadUrl('raw/orders/up.csv', {
        expiresInSeconds: 300,
        maxBytes: 1_000,
        contentType: 'text/csv',
      });
      expect(upload.headers).toEqual({ 'content-type': 'text/csv', 'x-amz-server-side-encryption': 'AES256' });
      expect(new URL(upload.url).searchParams.get('X-Amz-Expires')).toBe('300');
      const response = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'id\n7\n' });
      expect(response.status).toBe(200);
      const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.names.raw, Key: 'raw/orders/up.csv' }));
      expect(await object.Body!.transformToString()).toBe('id\n7\n');
      expect(object.ServerSideEncryption).toBe('AES256');
    });
  });
});
