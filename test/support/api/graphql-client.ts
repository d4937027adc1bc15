/** One GraphQL-over-HTTP answer: status and parsed body. */
export interface GraphqlReply<T = Record<string, unknown>> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors:
    readonly { message: string; path?: readonly (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[] | undefined;
  readonly body: unknown;
}

/** POSTs an operation as a client would (JSON, API key as a bearer token when given). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  key: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlReply<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  const text = await res.text();
  let body: { data?: T | null; errors?: GraphqlReply<T>['errors'] } | string;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return typeof body === 'string'
    ? { status: res.status, data: undefined, errors: undefined, body }
    : { status: res.status, data: body.data, errors: body.errors, body };
}

/** The error codes of a reply, for compact assertions. */
export const codesOf = (reply: GraphqlReply<unknown>): (string | undefined)[] => (reply.errors ?? []).map((e) => e.extensions?.code);
