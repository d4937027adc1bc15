import type { ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';

/** Who is calling, given the key they presented. */
export class AuthenticateApiKey {
  constructor(readonly key: string) {}
}

/** The caller behind a valid, unrevoked key. */
export interface ApiPrincipal {
  readonly keyId: string;
  readonly name: string;
  readonly role: ApiKeyRole;
}
