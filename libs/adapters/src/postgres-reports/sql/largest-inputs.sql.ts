import { FINISHED, IN_DAY } from './report-scope.sql.js';

/** The five largest finished inputs of the day per dataset and overall (by bytes where known, then records). */
export const LARGEST_INPUTS_SQL = `
  WITH inputs AS (
    SELECT i.ingestion_id, i.dataset, i.source_key, i.status, coalesce(i.records_in, 0) AS records, a.bytes
    FROM ingestions i
    LEFT JOIN ingestion_activity a ON a.ingestion_id = i.ingestion_id AND a.kind = 'received'
    WHERE ${FINISHED} AND ${IN_DAY}
  ), ranked AS (
    SELECT *,
      row_number() OVER (PARTITION BY dataset ORDER BY bytes DESC NULLS LAST, records DESC, ingestion_id) AS in_dataset,
      row_number() OVER (ORDER BY bytes DESC NULLS LAST, records DESC, ingestion_id) AS overall
    FROM inputs
  )
  SELECT ingestion_id, dataset, source_key, status, records, bytes, in_dataset <= 5 AS top_in_dataset, overall <= 5 AS top_overall
  FROM ranked WHERE in_dataset <= 5 OR overall <= 5
  ORDER BY bytes DESC NULLS LAST, records DESC, ingestion_id`;

export interface LargestInputRow {
  ingestion_id: string;
  dataset: string;
  source_key: string;
  status: string;
  records: string;
  bytes: string | null;
  top_in_dataset: boolean;
  top_overall: boolean;
}
