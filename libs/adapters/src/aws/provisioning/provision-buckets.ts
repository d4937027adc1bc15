import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * A bucket as Terraform makes it: SSE-S3 by default, versioned, public access blocked. An
 * existing bucket of ours is kept; the settings are applied again (idempotent).
 */
export async function ensureBucket(s3: S3Client, name: string, region: string): Promise<void> {
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  } catch (error) {
    const name_ = (error as { name?: string }).name;
    if (name_ !== 'BucketAlreadyOwnedByYou' && name_ !== 'BucketAlreadyExists') throw error;
    if (name_ === 'BucketAlreadyExists')
      throw new Error(`bucket ${name} exists and belongs to someone else: choose another --prefix`, { cause: error });
  }
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: name,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    }),
  );
  await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: name,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
}
