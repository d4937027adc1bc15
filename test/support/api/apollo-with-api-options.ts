import { ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import type { ApiKeyAuthenticator } from '../../../apps/api/src/auth/api-key-authenticator.js';
import { graphqlOptions } from '../../../apps/api/src/graphql/graphql-options.js';
import { QueryFastLane } from '../../../apps/api/src/graphql/query-fast-lane.js';

/** Apollo started with the API's GraphQL options, and the query lane those options feed. */
export interface ApolloWithApiOptions {
  readonly server: ApolloServer<BaseContext>;
  readonly lane: QueryFastLane;
}

/**
 * Apollo with the API's options (limits: depth 3, cost 100; error formatting; compiled execution
 * and the query lane when asked for), without HTTP around it.
 */
export async function apolloWithApiOptions(schema: GraphQLSchema, compiledExecution = true): Promise<ApolloWithApiOptions> {
  const config = loadPipelineConfig({ API_MAX_QUERY_DEPTH: '3', API_MAX_QUERY_COMPLEXITY: '100', ENVIRONMENT: 'test' });
  const lane = new QueryFastLane(config);
  // The authenticator serves WebSocket connections only, and there are none here.
  const noWebSockets = null as unknown as ApiKeyAuthenticator;
  const options = graphqlOptions(config, { subscriptions: false, compiledExecution }, noWebSockets, () => schema, lane);
  if (compiledExecution && !options.gateway)
    throw new Error('compiled execution was asked for: the options must carry the execution gateway');
  const server = new ApolloServer<BaseContext>({
    ...(options.gateway ? { gateway: options.gateway } : { schema }),
    validationRules: options.validationRules,
    plugins: options.plugins,
    formatError: options.formatError,
    stringifyResult: options.stringifyResult,
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return { server, lane };
}
