import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';

/** What the API knows about the caller of one request or one WebSocket connection. */
export interface ApiRequestContext {
  /** Null when no (valid) key was presented. */
  readonly principal: ApiPrincipal | null;
}

/** Set on Express requests by the API key middleware. */
export interface RequestWithPrincipal {
  principal?: ApiPrincipal | null;
}
