import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * The cost of an operation: fields declare theirs (`complexity` on @Query/@Field, e.g. page size ×
 * what each item costs); every other field costs 1. Null when the operation is within `max`,
 * else the error to answer with.
 */
// Apollo hands out the same parsed document for the same query text: cost each (document, variables, operation) once.
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_COSTS_PER_DOCUMENT = 100;

export function complexityError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  max: number,
): GraphQLError | null {
  const key = `${operationName ?? ''}|${JSON.stringify(variables ?? {})}`;
  const known = costs.get(document)?.get(key);
  if (known !== undefined) return known <= max ? null : tooComplex(known, max);
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Costing coerces the variables first: values that do not fit their types are the client's mistake.
    return new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  remember(document, key, complexity);
  return complexity <= max ? null : tooComplex(complexity, max);
}

function remember(document: DocumentNode, key: string, complexity: number): void {
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  if (byVariables.size >= MAX_COSTS_PER_DOCUMENT) byVariables.clear();
  byVariables.set(key, complexity);
}

const tooComplex = (complexity: number, max: number): GraphQLError =>
  new GraphQLError(`operation complexity ${complexity} exceeds the limit of ${max}: ask for fewer items or fields`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', complexity, limit: max, http: { status: 400 } },
  });

/** For fields returning pages: `first` items, each costing what its selection costs. */
export const pageComplexity =
  (defaultFirst: number) =>
  ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number =>
    1 + (typeof args.first === 'number' ? args.first : defaultFirst) * Math.max(1, childComplexity);
