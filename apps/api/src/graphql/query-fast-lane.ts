import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import type { OperationExecutor } from './operation-executor.js';
import { PreparedQueries } from './prepared-queries.js';
import { complexityError } from './query-complexity.js';
import { planResultWriter } from './result-writer.js';
import { stringifyResult } from './stringify-result.js';

/** What Apollo answers a successful single result with when the client accepts JSON (see `acceptsPlainJson`). */
export const FAST_LANE_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A POST body the lane can take: exactly the three fields a GraphQL client sends, with the types they must have. */
interface LaneRequest {
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
}

/**
 * Repeated queries answered without Apollo's per-request pipeline. Apollo serves every operation
 * the first time: it parses and validates it, and this lane's plugin remembers each validated query
 * operation (never a mutation or subscription). When the same text comes again, the lane checks
 * its cost for these variables (as Apollo's complexity plugin does), runs the same compiled
 * operation with the same resolvers and guards, and writes what Apollo would write (with a writer
 * planned from the operation's selection set: ResultWriter). Anything else —
 * errors in the result, a refused cost, unknown fields in the body, an Accept header asking for
 * another media type — goes to Apollo, which answers it in full (a query runs again: it has no
 * effects). Under load this halves the API's CPU per request outside the resolvers: Apollo hashes
 * the text, copies the headers, negotiates the media type and awaits a dozen plugin hooks per request.
 *
 * Only a long-running server with compiled execution has it (`attach`); elsewhere `answer` says no.
 */
@Injectable()
export class QueryFastLane {
  private readonly prepared = new PreparedQueries();
  private readonly maxComplexity: number;
  private schema: GraphQLSchema | null = null;
  private executor: OperationExecutor | null = null;
  private answered = 0;

  constructor(config: PipelineConfig) {
    this.maxComplexity = config.api.maxQueryComplexity;
  }

  /** Opens the lane for the schema Apollo serves, executing with Apollo's own executor. */
  attach(schema: GraphQLSchema, executor: OperationExecutor): void {
    this.schema = schema;
    this.executor = executor;
  }

  /** Attached: it may answer (a long-running server with compiled execution). */
  get isOpen(): boolean {
    return this.executor !== null;
  }

  /** How many requests the lane has answered (Apollo answered the rest). */
  get answeredRequests(): number {
    return this.answered;
  }

  /** The Apollo plugin remembering each validated query operation sent by POST. */
  plugin(): ApolloServerPlugin {
    const prepared = this.prepared;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, operation }) {
            const name = request.operationName ?? undefined;
            if (operation?.operation === 'query' && request.http?.method === 'POST' && typeof request.query === 'string' && name !== '')
              prepared.remember(request.query, name, document);
          },
        };
      },
    };
  }

  /**
   * The whole response body for a POST body of a repeated query, or null: Apollo answers it. The
   * caller has authenticated the request; `context` makes the GraphQL context Apollo would make.
   */
  async answer(body: unknown, context: () => unknown): Promise<string | null> {
    const { schema, executor } = this;
    if (!schema || !executor) return null;
    const request = laneRequest(body);
    const prepared = request && this.prepared.get(request.query, request.operationName);
    if (!request || !prepared) return null;
    const { document } = prepared;
    if (complexityError(schema, document, request.variables, request.operationName, this.maxComplexity)) return null;
    const result = await executor.execute({
      document,
      operationName: request.operationName,
      variables: request.variables,
      context: context(),
    });
    if (!isPlainSuccess(result)) return null;
    this.answered++;
    if (prepared.writer === undefined) prepared.writer = planResultWriter(schema, document, request.operationName);
    return prepared.writer ? prepared.writer(result.data) : stringifyResult({ data: result.data });
  }
}

/** Data, and nothing else to word or format: no errors, no extensions. */
function isPlainSuccess(result: ExecutionResult): result is ExecutionResult & { data: Record<string, unknown> } {
  return !result.errors?.length && result.data !== undefined && result.data !== null && !result.extensions;
}

/** Apollo picks plain JSON for these Accept headers; for anything else (graphql-response+json, multipart) it decides. */
export function acceptsPlainJson(accept: string | undefined): boolean {
  return accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json';
}

const LANE_FIELDS = new Set(['query', 'operationName', 'variables']);

function laneRequest(body: unknown): LaneRequest | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  // extensions (persisted queries), or anything else Apollo should judge
  for (const key in body) if (!LANE_FIELDS.has(key)) return null;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string' || !isOperationName(operationName) || !isVariables(variables)) return null;
  return { query, operationName: operationName ?? undefined, variables: variables ?? undefined };
}

/** Absent, or a name (graphql-js looks for an operation named "" and finds none: Apollo answers that). */
const isOperationName = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || (typeof value === 'string' && value !== '');

const isVariables = (value: unknown): value is Record<string, unknown> | null | undefined =>
  value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
