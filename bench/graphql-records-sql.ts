/**
 * The statement the API's processed-records reader runs for `processedRecords(dataset: $1, first: 100)`
 * (see libs/adapters/src/postgres-api/postgres-processed-records-reader.ts): the bare baseline runs
 * this very text, so the comparison measures only what sits between the socket and the driver.
 */
export const FIRST_PAGE_SQL =
  `SELECT dataset, ingestion_id, row_number, to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, data ` +
  'FROM processed_data WHERE dataset = $1 ORDER BY ingested_at, ingestion_id, row_number LIMIT $2';

export const BENCH_DATASET = 'bench_orders';
export const PAGE_SIZE = 100;

export const GRAPHQL_FIRST_PAGE = `{ processedRecords(dataset: "${BENCH_DATASET}", first: ${PAGE_SIZE}) {
  edges { cursor node { data dataset ingestionId rowNumber ingestedAt } }
  pageInfo { hasNextPage endCursor } } }`;
