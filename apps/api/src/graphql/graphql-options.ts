import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { NoSchemaIntrospectionCustomRule, specifiedRules, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import type { RequestWithPrincipal } from '../auth/request-principal.js';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { executionGateway, type ExecutionGateway } from './execution-gateway.js';
import { formatGraphqlError } from './format-graphql-error.js';
import { withPlainFieldReads } from './plain-field-reads.js';
import { stringifyResult } from './stringify-result.js';
import { complexityError } from './query-complexity.js';
import type { QueryFastLane } from './query-fast-lane.js';
import { graphqlWsOptions, type SchemaHolder } from './graphql-ws-options.js';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlSurface {
  /** Serve graphql-ws subscriptions on the HTTP server (a long-running server; not on Lambda). */
  readonly subscriptions: boolean;
  /**
   * Run repeated operations compiled (graphql-jit; see OperationExecutor): a long-running server
   * under load. The api Lambda, one request at a time per instance and measured by its cold start,
   * leaves it off and never loads the compiler. Repeated queries then also take the fast lane
   * past Apollo's request pipeline (QueryFastLane).
   */
  readonly compiledExecution: boolean;
}

export const isProduction = (config: PipelineConfig): boolean => config.environment === 'prod';

/**
 * Nest's Apollo driver options, plus Apollo's executor hook: Nest's type leaves `gateway` out (it
 * has a separate driver for federation), but passes every option on to `new ApolloServer`, and
 * Apollo takes the gateway's executor.
 */
export type ApiGraphqlOptions = ApolloDriverConfig & { readonly gateway?: ExecutionGateway };

/** Apollo behind Nest: limits, error mapping, CSRF prevention, and no introspection or stack traces in prod. */
export function graphqlOptions(
  config: PipelineConfig,
  surface: GraphqlSurface,
  authenticator: ApiKeyAuthenticator,
  schemaOf: () => GraphQLSchema,
  fastLane: QueryFastLane,
): ApiGraphqlOptions {
  const production = isProduction(config);
  const rules = validationRules(config);
  const holder: SchemaHolder = { schema: null };
  return {
    driver: ApolloDriver,
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: withPlainFieldReads,
    introspection: !production,
    graphiql: !production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !production,
    formatError: formatGraphqlError(production),
    stringifyResult,
    validationRules: rules,
    // Cache hints are not used (responses are per key and never cached); the plugin would wrap every field resolver.
    plugins: [
      complexityPlugin(config.api.maxQueryComplexity),
      schemaCapturePlugin(holder),
      ...(surface.compiledExecution ? [fastLane.plugin()] : []),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    context: graphqlContext,
    ...(surface.compiledExecution
      ? { gateway: executionGateway(schemaOf, { preloadCompiler: true, onLoad: (schema, executor) => fastLane.attach(schema, executor) }) }
      : {}),
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
export function graphqlContext(arg: { req?: RequestWithPrincipal; extra?: { principal?: ApiPrincipal } }) {
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
