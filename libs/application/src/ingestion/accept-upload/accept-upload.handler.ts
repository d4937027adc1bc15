import { Optional } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { ObjectStore, REGISTERED_INGESTION_METADATA } from '@pipeline/domain/ports/object-store.js';
import { UploadTokenVerifier } from '@pipeline/domain/ports/upload-token-verifier.js';
import { RegisterIngestion, type RegisterIngestionResult } from '../register-ingestion/register-ingestion.command.js';
import { AcceptUpload, type AcceptUploadResult } from './accept-upload.command.js';
import { ByteLimit } from './byte-limit.js';

const REFUSED = {
  expired: 'the upload URL has expired: ask for a new one',
  tampered: 'the upload URL is not valid (its signature does not match)',
  malformed: 'the upload URL is not valid',
} as const;

@CommandHandler(AcceptUpload)
export class AcceptUploadHandler implements ICommandHandler<AcceptUpload, AcceptUploadResult> {
  constructor(
    private readonly store: ObjectStore,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
    // Only local mode signs its own upload URLs; elsewhere clients upload to S3 directly.
    @Optional() private readonly verifier?: UploadTokenVerifier,
  ) {}

  async execute(command: AcceptUpload): Promise<AcceptUploadResult> {
    if (!this.verifier) return { ok: false, reason: 'not_supported', message: 'this deployment does not serve upload URLs itself' };
    const grant = this.verifier.verify(command.token, this.clock.now());
    if (!grant.ok) return { ok: false, reason: grant.reason, message: REFUSED[grant.reason] };
    if (grant.contentType !== undefined && mediaType(command.contentType) !== mediaType(grant.contentType)) {
      return { ok: false, reason: 'wrong_content_type', message: `this upload URL needs Content-Type: ${grant.contentType}` };
    }
    if (command.contentLength !== undefined && command.contentLength > grant.maxBytes) return tooLarge(grant.maxBytes);
    const limit = new ByteLimit(grant.maxBytes);
    // pipe, not pipeline: on overflow the request must stay open so the 413 can still be sent.
    command.body.on('error', (error) => limit.destroy(error));
    limit.on('error', () => command.body.unpipe(limit));
    command.body.pipe(limit);
    let stored;
    try {
      const metadata = { [REGISTERED_INGESTION_METADATA]: 'upload' };
      stored = await this.store.put(grant.key, limit, grant.contentType ? { contentType: grant.contentType, metadata } : { metadata });
    } catch (error) {
      if (limit.exceeded) return tooLarge(grant.maxBytes);
      throw error;
    }
    const dataset = grant.key.split('/')[1];
    const source = { kind: 'object' as const, key: grant.key, etag: stored.etag, size: stored.size };
    const registered: RegisterIngestionResult = await this.commandBus.execute(new RegisterIngestion(dataset, source, true));
    return { ok: true, ingestionId: registered.ingestionId, key: grant.key, size: stored.size, created: registered.created };
  }
}

const mediaType = (value: string | undefined): string => (value ?? '').split(';')[0].trim().toLowerCase();

const tooLarge = (maxBytes: number): AcceptUploadResult => ({
  ok: false,
  reason: 'too_large',
  message: `the upload is larger than this URL allows (${maxBytes} bytes)`,
});
