import { execute, GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';

type Jit = typeof import('graphql-jit');

/**
 * A document is compiled on its second execution: an operation sent once (or a stream of distinct
 * ones sent to burn CPU) never pays for compilation, a client's repeated operation runs compiled.
 */
export const EXECUTIONS_BEFORE_COMPILING = 2;

/**
 * At most this many documents are tracked (compiled code is far larger than the document it came
 * from); past it the plans start over, as the API's other caches do.
 */
export const MAX_TRACKED_DOCUMENTS = 1000;

/** Per parsed document (Apollo hands out the same object for the same query text while it stays in its document cache). */
interface DocumentPlan {
  executions: number;
  /** By operation name; null: not compilable, always run by graphql-js. */
  readonly compiled: Map<string, CompiledQuery | null>;
}

export interface Operation {
  readonly document: DocumentNode;
  readonly operationName: string | null | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly context: unknown;
}

/**
 * Executes validated operations. Queries and mutations that repeat run as graphql-jit compiled
 * functions: the same resolvers (guards included), the same result, without graphql-js's
 * per-field interpretation (which, for a page of 100 records, costs about as much CPU as reading the rows).
 * Subscriptions, documents graphql-jit cannot compile and first executions go to graphql-js.
 * Results are plain objects, so JSON.stringify on them is fast too.
 */
export class OperationExecutor {
  private readonly plans = new Map<DocumentNode, DocumentPlan>();
  private jit: Jit | null = null;
  private loading: Promise<void> | null = null;
  private compilations = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  /** How many operations have been compiled so far (each compilation counts, also of a document tracked again). */
  get compiledOperations(): number {
    return this.compilations;
  }

  /** Loads the compiler now (a long-running server does this at start rather than behind a request). */
  preload(): Promise<void> {
    this.loading ??= import('graphql-jit').then(
      (jit) => {
        this.jit = jit;
      },
      () => {
        // Without the compiler every operation runs on graphql-js: slower, the same answers.
      },
    );
    return this.loading;
  }

  async execute(operation: Operation): Promise<ExecutionResult> {
    const compiled = this.compiledFor(operation.document, operation.operationName ?? undefined);
    if (compiled) {
      const result = await compiled.query(undefined, operation.context, operation.variables);
      // No data: the variables were refused before anything ran. graphql-js words that as clients know it.
      if (result.data !== undefined) return withGraphqlJsErrors(result);
    }
    return this.interpret(operation);
  }

  private async interpret(operation: Operation): Promise<ExecutionResult> {
    return execute({
      schema: this.schema,
      document: operation.document,
      operationName: operation.operationName,
      variableValues: operation.variables,
      contextValue: operation.context,
    });
  }

  /** Synchronous, so concurrent requests for a new document compile it once; null runs graphql-js. */
  private compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let plan = this.plans.get(document);
    if (!plan) {
      if (this.plans.size >= MAX_TRACKED_DOCUMENTS) this.plans.clear();
      this.plans.set(document, (plan = { executions: 0, compiled: new Map() }));
    }
    const key = operationName ?? '';
    const known = plan.compiled.get(key);
    if (known !== undefined) return known;
    if (++plan.executions < EXECUTIONS_BEFORE_COMPILING) return null;
    if (!this.jit) {
      void this.preload();
      return null;
    }
    const compiled = compilable(document, operationName) ? this.compile(this.jit, document, operationName) : null;
    plan.compiled.set(key, compiled);
    return compiled;
  }

  private compile(jit: Jit, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let compiled: CompiledQuery | ExecutionResult;
    try {
      compiled = jit.compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: false });
    } catch {
      return null; // something graphql-jit does not support: graphql-js runs it
    }
    if (!jit.isCompiledQuery(compiled)) return null;
    this.compilations++;
    return compiled;
  }
}

/** Queries and mutations only; anything graphql-js would answer with an error (no such operation) is left to it. */
function compilable(document: DocumentNode, operationName: string | undefined): boolean {
  const kind = getOperationAST(document, operationName)?.operation;
  return kind !== undefined && kind !== 'subscription';
}

/**
 * graphql-jit's errors subclass GraphQLError without being one quite: `extensions` may be missing,
 * which Apollo's error formatting reads. Each becomes the GraphQLError graphql-js would have made
 * (message, locations, path, the resolver's original error and its extensions).
 */
function withGraphqlJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map(asGraphqlJsError) };
}

function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError && error.extensions) return error;
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    ...(original ? { originalError: original } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep: take the ones it computed.
  if (error.locations)
    Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true, writable: true, configurable: true });
  return rebuilt;
}
