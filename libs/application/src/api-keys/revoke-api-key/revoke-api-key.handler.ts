import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { RevokeApiKey } from './revoke-api-key.command.js';

/** True when a key was revoked; false when there is no such unrevoked key. */
@CommandHandler(RevokeApiKey)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKey, boolean> {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly clock: Clock,
  ) {}

  execute(command: RevokeApiKey): Promise<boolean> {
    return this.keys.revoke(command.id, this.clock.now().toISOString());
  }
}
