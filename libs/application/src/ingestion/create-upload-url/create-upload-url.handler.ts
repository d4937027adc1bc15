import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { PortError } from '@pipeline/domain/errors.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { CreateUploadUrl, type CreatedUploadUrl } from './create-upload-url.command.js';

@CommandHandler(CreateUploadUrl)
export class CreateUploadUrlHandler implements ICommandHandler<CreateUploadUrl, CreatedUploadUrl> {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateUploadUrl): Promise<CreatedUploadUrl> {
    if (!DATASET_NAME_PATTERN.test(command.dataset))
      throw invalid(`dataset ${JSON.stringify(command.dataset)} must match ${DATASET_NAME_PATTERN}`);
    const contentType = command.contentType ?? undefined;
    if (contentType !== undefined && !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) throw invalid('contentType must look like type/subtype');
    // A timestamp and random part keep two uploads of "orders.csv" from replacing each other.
    const stamp = this.clock
      .now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const key = `raw/${command.dataset}/${stamp}-${randomBytes(4).toString('hex')}-${safeFileName(command.filename)}`;
    const url = await this.store.createUploadUrl(key, { ...command.limits, ...(contentType ? { contentType } : {}) });
    return {
      url: url.url,
      method: url.method,
      headers: url.headers,
      expiresAt: url.expiresAt.toISOString(),
      key,
      maxBytes: command.limits.maxBytes,
    };
  }
}

/** The last path segment, limited to characters every object store and file system accepts. */
function safeFileName(filename: string): string {
  const base = (typeof filename === 'string' ? filename : '').split(/[\\/]/).pop() ?? '';
  const safe = base
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[._]+/, '')
    .slice(-120);
  if (!/[A-Za-z0-9]/.test(safe)) throw invalid('filename must contain letters or digits, e.g. orders.csv');
  return safe;
}

const invalid = (message: string): PortError => new PortError('INVALID_INPUT', message);
