import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import type { RequestWithPrincipal } from './request-principal.js';

/** The authenticated caller (the role guard has already made sure there is one). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): ApiPrincipal | null => {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext<{ principal?: ApiPrincipal | null }>();
    return ctx.principal ?? null;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? null;
});

/** How commands record who asked: `api:<key name>`. */
export const requestedBy = (principal: ApiPrincipal | null): string => `api:${principal?.name ?? 'unknown'}`;
