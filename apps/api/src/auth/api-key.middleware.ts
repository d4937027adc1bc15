import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { presentedKey } from './presented-key.js';
import type { RequestWithPrincipal } from './request-principal.js';

/**
 * Resolves the caller before anything else runs. A key that is presented but not valid is refused
 * at once; a missing key is left to the role guard (public routes need none) — except on /graphql,
 * where nothing (not even introspection) is served without a key. GraphiQL's page itself (a GET
 * asking for HTML) loads without one, so a browser can open it and set the header.
 */
export function apiKeyMiddleware(authenticator: ApiKeyAuthenticator, graphqlPath: string) {
  return async (req: Request & RequestWithPrincipal, res: Response, next: NextFunction): Promise<void> => {
    const key = presentedKey(req.headers);
    req.principal = null;
    if (key !== undefined) {
      try {
        req.principal = await authenticator.authenticate(key);
      } catch (error) {
        next(error);
        return;
      }
      if (!req.principal) return refuse(res, req.path === graphqlPath, 'the API key is not valid (unknown, revoked or malformed)');
    } else if (req.path === graphqlPath && !isLandingPage(req)) {
      return refuse(res, true, 'an API key is required (Authorization: Bearer <key> or x-api-key)');
    }
    next();
  };
}

function refuse(res: Response, graphql: boolean, message: string): void {
  res.status(401).setHeader('WWW-Authenticate', 'Bearer');
  res.json(
    graphql ? { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } : { statusCode: 401, error: 'UNAUTHENTICATED', message },
  );
}

const isLandingPage = (req: Request): boolean =>
  req.method === 'GET' && req.query.query === undefined && (req.headers.accept ?? '').includes('text/html');
