import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isPortError } from '@pipeline/domain/errors.js';
import { PORT_ERROR_RESPONSES } from '../http/port-error-status.js';

const logger = new Logger('GraphQL');

/**
 * The edge's error mapping for GraphQL: port errors get their code (BAD_USER_INPUT, NOT_FOUND, …)
 * and keep their message (it names the problem); anything unexpected is logged and, in
 * production, answered with a generic message so internals (SQL, paths) never leak.
 */
export function formatGraphqlError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isPortError(original)) {
      const { code } = PORT_ERROR_RESPONSES[original.code];
      return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code } };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError || (code !== undefined && code !== 'INTERNAL_SERVER_ERROR')) return formatted;
    logger.error(`unexpected error in ${formatted.path?.join('.') ?? 'an operation'}: ${(original as Error)?.stack ?? String(original)}`);
    return production
      ? { message: 'internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : formatted;
  };
}
