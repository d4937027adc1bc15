import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { checkApiKeyName, checkApiKeyRole } from '../api-key-name.js';
import { issueApiKey } from '../api-key-secret.js';
import { CreateApiKey, type CreatedApiKey } from './create-api-key.command.js';

@CommandHandler(CreateApiKey)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKey, CreatedApiKey> {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiKey): Promise<CreatedApiKey> {
    const name = checkApiKeyName(command.name);
    const role = checkApiKeyRole(command.role);
    const issued = issueApiKey();
    await this.keys.create({
      id: issued.id,
      name,
      role,
      secretHash: issued.secretHash,
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    });
    return { id: issued.id, name, role, key: issued.key };
  }
}
