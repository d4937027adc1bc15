import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';

export const API_ROLE = 'api:role';
export const API_PUBLIC = 'api:public';

/** The lowest role allowed to run this operation (roles are ordered reader < ingester < admin). */
export const RequireRole = (role: ApiKeyRole) => SetMetadata(API_ROLE, role);

/** No API key needed; `why` says what protects the route instead (kept in code so reviewers see it). */
export const PublicRoute = (why: string) => SetMetadata(API_PUBLIC, why);
