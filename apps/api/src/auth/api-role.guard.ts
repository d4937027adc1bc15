import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { roleAllows, type ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { API_PUBLIC, API_ROLE } from './api-role.decorator.js';
import type { ApiRequestContext, RequestWithPrincipal } from './request-principal.js';

/**
 * Applied to every controller route and every top-level GraphQL field (query, mutation,
 * subscription). Default deny: an operation without a declared role (or an explicit
 * PublicRoute) is refused for everyone, so a new operation cannot ship unprotected.
 */
@Injectable()
export class ApiRoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(API_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<ApiKeyRole | undefined>(API_ROLE, targets);
    const graphql = context.getType<GqlContextType>() === 'graphql';
    const principal = graphql ? principalOfGraphql(context) : principalOfHttp(context);
    if (!principal)
      throw graphql ? unauthenticated() : new UnauthorizedException('an API key is required (Authorization: Bearer <key> or x-api-key)');
    if (required && roleAllows(principal.role, required)) return true;
    const why = required ? `needs the ${required} role; this key has ${principal.role}` : 'declares no role and is closed to everyone';
    throw graphql ? forbidden(`${operationName(context)} ${why}`) : new ForbiddenException(`this operation ${why}`);
  }
}

function principalOfGraphql(context: ExecutionContext): ApiPrincipal | null {
  const ctx = GqlExecutionContext.create(context).getContext<ApiRequestContext & { req?: RequestWithPrincipal }>();
  return ctx.principal ?? ctx.req?.principal ?? null;
}

const principalOfHttp = (context: ExecutionContext): ApiPrincipal | null =>
  context.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? null;

const operationName = (context: ExecutionContext): string => GqlExecutionContext.create(context).getInfo<{ fieldName: string }>().fieldName;

const unauthenticated = () =>
  new GraphQLError('an API key is required (Authorization: Bearer <key> or x-api-key)', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
