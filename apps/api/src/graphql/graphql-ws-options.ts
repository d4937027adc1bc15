import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import { presentedKey } from '../auth/presented-key.js';
import { complexityError } from './query-complexity.js';

interface WsContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: unknown;
}

interface WsExtra {
  request?: { headers: Record<string, unknown> };
  principal?: unknown;
}

interface SubscribePayload {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** Filled once Apollo has started (see schemaCapturePlugin): the schema graphql-ws serves is the same object. */
export interface SchemaHolder {
  schema: GraphQLSchema | null;
}

/**
 * graphql-ws on the API's HTTP server. A connection must present an API key (connection params
 * `{ authorization: 'Bearer <key>' }` or `{ 'x-api-key': '<key>' }`, or the upgrade request's
 * headers); otherwise it is closed with 4403 Forbidden. Every operation is checked with the same
 * depth, complexity and introspection rules as over HTTP before graphql-ws runs it, and the role
 * guard checks each field as it does over HTTP.
 */
export function graphqlWsOptions(
  path: string,
  authenticator: ApiKeyAuthenticator,
  rules: readonly ValidationRule[],
  maxComplexity: number,
  holder: SchemaHolder,
) {
  return {
    path,
    onConnect: async (ctx: WsContext): Promise<boolean> => {
      const extra = ctx.extra as WsExtra;
      const key = presentedKey(ctx.connectionParams ?? {}) ?? presentedKey(extra.request?.headers ?? {});
      const principal = key === undefined ? null : await authenticator.authenticate(key);
      if (!principal) return false;
      extra.principal = principal;
      return true;
    },
    onSubscribe: (_ctx: WsContext, _id: string, payload: SubscribePayload): readonly GraphQLError[] | void => {
      if (!holder.schema) return [new GraphQLError('the server is still starting')];
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error as GraphQLError];
      }
      const errors = validate(holder.schema, document, rules);
      if (errors.length > 0) return errors;
      const tooComplex = complexityError(holder.schema, document, payload.variables ?? undefined, payload.operationName, maxComplexity);
      return tooComplex ? [tooComplex] : undefined;
    },
  };
}
