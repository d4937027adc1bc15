import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { NoSchemaIntrospectionCustomRule, specifiedRules, type ValidationRule } from 'graphql';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import type { RequestWithPrincipal } from '../auth/request-principal.js';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { formatGraphqlError } from './format-graphql-error.js';
import { complexityError } from './query-complexity.js';
import { graphqlWsOptions, type SchemaHolder } from './graphql-ws-options.js';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlSurface {
  /** Serve graphql-ws subscriptions on the HTTP server (a long-running server; not on Lambda). */
  readonly subscriptions: boolean;
}

export const isProduction = (config: PipelineConfig): boolean => config.environment === 'prod';

/** Apollo behind Nest: limits, error mapping, CSRF prevention, and no introspection or stack traces in prod. */
export function graphqlOptions(config: PipelineConfig, surface: GraphqlSurface, authenticator: ApiKeyAuthenticator): ApolloDriverConfig {
  const production = isProduction(config);
  const rules = validationRules(config);
  const holder: SchemaHolder = { schema: null };
  return {
    driver: ApolloDriver,
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    graphiql: !production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !production,
    formatError: formatGraphqlError(production),
    validationRules: rules,
    // Cache hints are not used (responses are per key and never cached); the plugin would wrap every field resolver.
    plugins: [
      complexityPlugin(config.api.maxQueryComplexity),
      schemaCapturePlugin(holder),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    context: contextOf,
    ...(surface.subscriptions
      ? {
          subscriptions: {
            'graphql-ws': graphqlWsOptions(
              GRAPHQL_PATH,
              authenticator,
              [...specifiedRules, ...rules],
              config.api.maxQueryComplexity,
              holder,
            ),
          },
        }
      : {}),
  };
}

function validationRules(config: PipelineConfig): ValidationRule[] {
  return [depthLimitRule(config.api.maxQueryDepth), ...(isProduction(config) ? [NoSchemaIntrospectionCustomRule] : [])];
}

/** HTTP requests carry the principal the API key middleware found; WebSocket connections the one onConnect found. */
function contextOf(arg: { req?: RequestWithPrincipal; extra?: { principal?: ApiPrincipal } }) {
  if (arg.extra) return { principal: arg.extra.principal ?? null };
  return { req: arg.req, principal: arg.req?.principal ?? null };
}

function complexityPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = complexityError(schema, document, request.variables, request.operationName, max);
          if (error) throw error;
        },
      };
    },
  };
}

function schemaCapturePlugin(holder: SchemaHolder): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      holder.schema = schema;
    },
  };
}
