import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { toPortError } from '../aws/aws-errors.js';
import { validateObjectKey } from '../local-fs/object-key.js';
import type { BucketMap } from './bucket-map.js';

/** S3 allows presigned URLs for at most 7 days (less when signed with temporary credentials: a Lambda role's last hours). */
const MAX_SECONDS = 7 * 24 * 3600;

/** Presigned GET URLs for stored artefacts (the reports in REPORTS_BUCKET). */
export class S3ArtefactLinks extends ArtefactLinks {
  constructor(
    private readonly client: S3Client,
    private readonly buckets: BucketMap,
  ) {
    super();
  }

  async linkTo(key: string, expiresInSeconds: number): Promise<string> {
    validateObjectKey(key);
    const command = new GetObjectCommand({ Bucket: this.buckets.bucketFor(key), Key: key });
    const expiresIn = Math.max(1, Math.min(MAX_SECONDS, Math.floor(expiresInSeconds)));
    return getSignedUrl(this.client, command, { expiresIn }).catch((error: unknown) => {
      throw toPortError(error, `presign GET ${key}`);
    });
  }
}
