import 'reflect-metadata';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';
import { PublicRoute, RequireRole } from './api-role.decorator.js';
import { ApiRoleGuard } from './api-role.guard.js';

class Routes {
  @RequireRole('ingester')
  ingest(): void {}

  @PublicRoute('test')
  health(): void {}

  undeclared(): void {}
}

const httpContext = (handler: () => void, role: ApiKeyRole | null): ExecutionContext =>
  ({
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ principal: role ? { keyId: 'k', name: 'n', role } : null }) }),
  }) as unknown as ExecutionContext;

describe('ApiRoleGuard (HTTP routes)', () => {
  const guard = new ApiRoleGuard(new Reflector());
  const routes = Routes.prototype;

  it.each([
    ['reader', false],
    ['ingester', true],
    ['admin', true],
  ] as const)('a %s key on an ingester route: allowed=%s', (role, allowed) => {
    const attempt = () => guard.canActivate(httpContext(routes.ingest, role));
    if (allowed) expect(attempt()).toBe(true);
    else expect(attempt).toThrow(ForbiddenException);
  });

  it('asks for a key when there is none', () => {
    expect(() => guard.canActivate(httpContext(routes.ingest, null))).toThrow(UnauthorizedException);
  });

  it('lets anyone through a public route', () => {
    expect(guard.canActivate(httpContext(routes.health, null))).toBe(true);
  });

  it('denies by default: a route without a declared role is closed even to admins', () => {
    expect(() => guard.canActivate(httpContext(routes.undeclared, 'admin'))).toThrow(/declares no role/);
  });
});
