import { gql } from './graphql-client.js';
import type { StartedApi } from './started-api.js';

const INGEST = `mutation($dataset: String!, $records: [JSON!]!, $clientRequestId: String) {
  ingest(dataset: $dataset, records: $records, clientRequestId: $clientRequestId) { id state dataset sourceKey }
}`;

/** Ingests records through the GraphQL mutation (ingester key) and returns the ingestion id; throws on errors. */
export async function ingestThroughApi(api: StartedApi, dataset: string, records: unknown[], clientRequestId?: string): Promise<string> {
  const reply = await gql<{ ingest: { id: string } }>(api.url, api.keys.ingester, INGEST, { dataset, records, clientRequestId });
  if (reply.errors || !reply.data) throw new Error(`ingest failed: ${JSON.stringify(reply.body)}`);
  return reply.data.ingest.id;
}

export interface RecordPage {
  readonly edges: { cursor: string; node: { data: Record<string, unknown>; rowNumber: number; ingestionId: string; ingestedAt: string } }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  readonly totalCount?: number;
}

/** One processedRecords page as a reader; throws on errors. */
export async function recordsPage(api: StartedApi, args: Record<string, unknown>, withCount = false): Promise<RecordPage> {
  const query = `query($dataset: String!, $ingestionId: ID, $where: [RecordFilterInput!], $from: String, $to: String, $first: Int!, $after: String) {
    processedRecords(dataset: $dataset, ingestionId: $ingestionId, where: $where, from: $from, to: $to, first: $first, after: $after) {
      edges { cursor node { data rowNumber ingestionId ingestedAt } }
      pageInfo { hasNextPage endCursor }
      ${withCount ? 'totalCount' : ''}
    }
  }`;
  const reply = await gql<{ processedRecords: RecordPage }>(api.url, api.keys.reader, query, { first: 100, ...args });
  if (reply.errors || !reply.data) throw new Error(`processedRecords failed: ${JSON.stringify(reply.body)}`);
  return reply.data.processedRecords;
}
