import type { ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';

/** Makes an API key. The result carries the key itself: the only time anyone sees it. */
export class CreateApiKey {
  constructor(
    readonly name: string,
    readonly role: ApiKeyRole | string,
  ) {}
}

export interface CreatedApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly key: string;
}
