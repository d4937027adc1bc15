import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** One top-level field as a runnable operation: document text plus variables holding valid sample values. */
export interface FieldOperation {
  readonly kind: OperationKind;
  readonly field: string;
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Every Query, Mutation and Subscription field of the schema, each as an operation that passes validation. */
export function operationsOf(schema: GraphQLSchema): FieldOperation[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) => (type ? Object.values(type.getFields()).map((field) => operationFor(kind, field)) : []));
}

function operationFor(kind: OperationKind, field: GraphQLField<unknown, unknown>): FieldOperation {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const definitions = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const name = `${kind[0].toUpperCase()}${kind.slice(1)}.${field.name}`;
  return {
    kind,
    field: field.name,
    name,
    query: `${kind} Probe${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)])),
  };
}

/** A value of the type that passes GraphQL validation; what the resolver makes of it does not matter here. */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  const scalars: Record<string, unknown> = { Int: 1, Float: 1, Boolean: true, ID: 'x', String: 'x', JSON: {} };
  if (!(type.name in scalars)) throw new Error(`no sample value for scalar ${type.name}: add one to schema-operations.ts`);
  return scalars[type.name];
}
