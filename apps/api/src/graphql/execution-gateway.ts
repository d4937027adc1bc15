import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { printSchema, type GraphQLSchema } from 'graphql';
import { OperationExecutor } from './operation-executor.js';

export type ExecutionGateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type SchemaListener = Parameters<ExecutionGateway['onSchemaLoadOrUpdate']>[0];

/**
 * Apollo Server's one hook for replacing its executor is the "gateway" interface; this gateway
 * federates nothing. It serves Nest's schema (read when Apollo starts, after Nest built it) and
 * executes with OperationExecutor. Everything before execution stays Apollo's: parsing, the
 * document cache, validation (depth, introspection), the complexity plugin, the context (API key
 * principal), and everything after it: error formatting, status codes, the response.
 */
export function executionGateway(
  schemaOf: () => GraphQLSchema,
  options: {
    readonly preloadCompiler: boolean;
    /** Told the schema and executor once loaded (the query fast lane runs operations with them too). */
    readonly onLoad?: (schema: GraphQLSchema, executor: OperationExecutor) => void;
  },
): ExecutionGateway {
  const listeners = new Set<SchemaListener>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const schema = schemaOf();
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      const executor = new OperationExecutor(schema);
      if (options.preloadCompiler) await executor.preload();
      options.onLoad?.(schema, executor);
      return {
        executor: (request) =>
          executor.execute({
            document: request.document,
            operationName: request.request.operationName,
            variables: request.request.variables,
            context: request.context,
          }),
      };
    },
    async stop() {
      listeners.clear();
    },
  };
}
