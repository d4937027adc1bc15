import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithMoto } from '@pipeline/testing/moto/describe-with-moto.js';
import { createS3TestBuckets } from '@pipeline/testing/moto/s3-test-buckets.js';
import { describeRowWritersContract } from './suites/row-writers.contract-suite.js';

// The Parquet, JSON Lines and quarantine writers only know the ObjectStore port: on S3 they must behave exactly as on a folder.
describeWithMoto('file sinks on S3 (moto)', (moto) => {
  describeRowWritersContract('S3ObjectStore (moto)', async () => {
    const buckets = await createS3TestBuckets(moto);
    const spool = await mkdtemp(path.join(tmpdir(), 'row-writers-s3-'));
    return {
      store: buckets.store,
      tmpDir: spool,
      async cleanup() {
        await buckets.cleanup();
        await rm(spool, { recursive: true, force: true });
      },
    };
  });
});
