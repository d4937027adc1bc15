import type { ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';

export class ListApiKeys {}

/** A key as listings show it: never its secret or hash. */
export interface ApiKeySummary {
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}
