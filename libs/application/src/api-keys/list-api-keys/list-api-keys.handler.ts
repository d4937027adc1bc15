import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { ListApiKeys, type ApiKeySummary } from './list-api-keys.query.js';

@QueryHandler(ListApiKeys)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeys, ApiKeySummary[]> {
  constructor(private readonly keys: ApiKeyStore) {}

  async execute(): Promise<ApiKeySummary[]> {
    return (await this.keys.list()).map(({ id, name, role, createdAt, revokedAt }) => ({ id, name, role, createdAt, revokedAt }));
  }
}
