import { jest } from '@jest/globals';
import type { QueryBus } from '@nestjs/cqrs';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { issueApiKey } from '@pipeline/application/api-keys/api-key-secret.js';
import { AuthenticateApiKeyHandler } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.handler.js';
import type { AuthenticateApiKey } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { ApiKeyStore, type ApiKeyRecord } from '@pipeline/domain/ports/api-key-store.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';

/** Keys in memory, counting lookups: what the authenticator's cache saves is database round trips. */
class CountingKeyStore extends ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  lookups = 0;

  async create(record: ApiKeyRecord): Promise<void> {
    this.records.set(record.id, record);
  }
  async createIfNone(record: ApiKeyRecord): Promise<boolean> {
    if (this.records.size > 0) return false;
    await this.create(record);
    return true;
  }
  async findById(id: string): Promise<ApiKeyRecord | null> {
    this.lookups++;
    return this.records.get(id) ?? null;
  }
  async list(): Promise<ApiKeyRecord[]> {
    return [...this.records.values()];
  }
  async revoke(id: string, at: string): Promise<boolean> {
    const record = this.records.get(id);
    if (!record || record.revokedAt) return false;
    this.records.set(id, { ...record, revokedAt: at });
    return true;
  }
}

function authenticatorWith(cacheSeconds: number) {
  const store = new CountingKeyStore();
  const handler = new AuthenticateApiKeyHandler(store);
  // The real handler behind the bus the authenticator asks.
  const queryBus = { execute: (query: AuthenticateApiKey) => handler.execute(query) } as unknown as QueryBus;
  const authenticator = new ApiKeyAuthenticator(queryBus, loadPipelineConfig({ API_KEY_CACHE_SECONDS: String(cacheSeconds) }));
  const issued = issueApiKey();
  void store.create({
    id: issued.id,
    name: 'reader-1',
    role: 'reader',
    secretHash: issued.secretHash,
    createdAt: '2026-01-01T00:00:00Z',
    revokedAt: null,
  });
  return { store, authenticator, key: issued.key, id: issued.id };
}

describe('ApiKeyAuthenticator (API_KEY_CACHE_SECONDS)', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('asks the store once per key per TTL, and honours a revocation once the TTL has passed', async () => {
    const { store, authenticator, key, id } = authenticatorWith(10);
    expect(await authenticator.authenticate(key)).toEqual({ keyId: id, name: 'reader-1', role: 'reader' });
    for (let i = 0; i < 5; i++) expect((await authenticator.authenticate(key))?.role).toBe('reader');
    expect(store.lookups).toBe(1);

    await store.revoke(id, '2026-06-01T12:00:01Z');
    jest.advanceTimersByTime(9_000);
    expect(await authenticator.authenticate(key)).not.toBeNull(); // within the documented grace
    jest.advanceTimersByTime(1_001);
    expect(await authenticator.authenticate(key)).toBeNull();
    expect(store.lookups).toBe(2);
  });

  it('caches refusals for the TTL too (a wrong key does not cost a lookup per attempt)', async () => {
    const { store, authenticator, key } = authenticatorWith(10);
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (let i = 0; i < 3; i++) expect(await authenticator.authenticate(wrong)).toBeNull();
    expect(store.lookups).toBe(1);
  });

  it('with a TTL of 0 asks the store every time: a revocation takes effect at once', async () => {
    const { store, authenticator, key, id } = authenticatorWith(0);
    expect(await authenticator.authenticate(key)).not.toBeNull();
    await store.revoke(id, '2026-06-01T12:00:00Z');
    expect(await authenticator.authenticate(key)).toBeNull();
    expect(store.lookups).toBe(2);
  });
});
