import type { ApiKeyRole } from '../api-keys/api-key-role.js';

/** A stored API key: never the key itself, only the SHA-256 of its secret part. */
export interface ApiKeyRecord {
  /** Public identifier, also embedded in the key (`pk_<id>_<secret>`). */
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  /** Hex SHA-256 of the secret part. */
  readonly secretHash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Where API keys live: PostgreSQL locally and on RDS. */
export abstract class ApiKeyStore {
  /** @example await keys.create({ id, name: 'ci', role: 'ingester', secretHash, createdAt, revokedAt: null }) */
  abstract create(record: ApiKeyRecord): Promise<void>;
  /** Creates the key only when no key exists yet (atomically: two processes starting together create one). Returns whether it did. */
  abstract createIfNone(record: ApiKeyRecord): Promise<boolean>;
  abstract findById(id: string): Promise<ApiKeyRecord | null>;
  /** Every key, oldest first, revoked ones included. */
  abstract list(): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked; returns false when there is no such (unrevoked) key. */
  abstract revoke(id: string, at: string): Promise<boolean>;
}
