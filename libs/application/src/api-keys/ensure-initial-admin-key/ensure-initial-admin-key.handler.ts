import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { issueApiKey } from '../api-key-secret.js';
import { EnsureInitialAdminKey, type EnsureInitialAdminKeyResult } from './ensure-initial-admin-key.command.js';

@CommandHandler(EnsureInitialAdminKey)
export class EnsureInitialAdminKeyHandler implements ICommandHandler<EnsureInitialAdminKey, EnsureInitialAdminKeyResult> {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: EnsureInitialAdminKey): Promise<EnsureInitialAdminKeyResult> {
    const issued = issueApiKey();
    const record = {
      id: issued.id,
      name: command.name,
      role: 'admin' as const,
      secretHash: issued.secretHash,
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    };
    return (await this.keys.createIfNone(record)) ? { created: true, id: issued.id, key: issued.key } : { created: false };
  }
}
