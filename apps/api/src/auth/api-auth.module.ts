import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';

/** The authenticator on its own, so the GraphQL module's async options (WebSocket auth) can inject it too. */
@Module({ providers: [ApiKeyAuthenticator], exports: [ApiKeyAuthenticator] })
export class ApiAuthModule {}
