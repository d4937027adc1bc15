import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { parseApiKey, secretMatches } from '../api-key-secret.js';
import { AuthenticateApiKey, type ApiPrincipal } from './authenticate-api-key.query.js';

/** Null for anything but a valid, unrevoked key: callers cannot tell an unknown id from a wrong secret. */
@QueryHandler(AuthenticateApiKey)
export class AuthenticateApiKeyHandler implements IQueryHandler<AuthenticateApiKey, ApiPrincipal | null> {
  constructor(private readonly keys: ApiKeyStore) {}

  async execute(query: AuthenticateApiKey): Promise<ApiPrincipal | null> {
    const parsed = parseApiKey(query.key);
    if (!parsed) return null;
    const record = await this.keys.findById(parsed.id);
    if (!record || record.revokedAt !== null || !secretMatches(parsed.secret, record.secretHash)) return null;
    return { keyId: record.id, name: record.name, role: record.role };
  }
}
