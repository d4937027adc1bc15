import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { AuthenticateApiKey, type ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';

interface CacheEntry {
  readonly principal: ApiPrincipal | null;
  readonly until: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Resolves a presented key to its principal, remembering the answer for API_KEY_CACHE_SECONDS so a
 * busy client does not cost a database round trip per request. Entries are keyed by the key's
 * SHA-256, so the cache never holds a key in the clear.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;

  constructor(
    private readonly queryBus: QueryBus,
    config: PipelineConfig,
  ) {
    this.ttlMs = config.api.keyCacheSeconds * 1000;
  }

  async authenticate(key: string): Promise<ApiPrincipal | null> {
    const id = createHash('sha256').update(key).digest('base64url');
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.principal;
    const principal: ApiPrincipal | null = await this.queryBus.execute(new AuthenticateApiKey(key));
    if (this.ttlMs > 0) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(id, { principal, until: now + this.ttlMs });
    }
    return principal;
  }
}
