import type { DocumentNode } from 'graphql';
import type { ResultWriter } from './result-writer.js';

/** A remembered query: Apollo's validated document, and the lane's writer for its results once planned (null: none fits). */
export interface PreparedQuery {
  readonly document: DocumentNode;
  writer?: ResultWriter | null;
}

/** At most this many query texts are remembered; past it they start over, as the API's other caches do. */
export const MAX_PREPARED_QUERIES = 500;
/** Longer texts are never remembered (a client's operations are far shorter), so the cache stays small. */
export const MAX_PREPARED_QUERY_LENGTH = 4000;

/**
 * Query texts Apollo has parsed and validated against the served schema (every rule: depth,
 * introspection where it is off), by text and operation name, with the document Apollo made of
 * them. Only query operations are remembered: running one again has no effect beyond its answer.
 */
export class PreparedQueries {
  private readonly byText = new Map<string, Map<string, PreparedQuery>>();
  private count = 0;

  remember(text: string, operationName: string | undefined, document: DocumentNode): void {
    if (text.length > MAX_PREPARED_QUERY_LENGTH) return;
    let byOperation = this.byText.get(text);
    if (byOperation?.has(operationName ?? '')) return;
    if (this.count >= MAX_PREPARED_QUERIES) {
      this.byText.clear();
      this.count = 0;
      byOperation = undefined;
    }
    if (!byOperation) this.byText.set(text, (byOperation = new Map()));
    byOperation.set(operationName ?? '', { document });
    this.count++;
  }

  /** The query remembered for this text and operation name (undefined: none). */
  get(text: string, operationName: string | undefined): PreparedQuery | undefined {
    return this.byText.get(text)?.get(operationName ?? '');
  }

  get size(): number {
    return this.count;
  }
}
