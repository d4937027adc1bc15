import { FINISHED, IN_DAY } from './report-scope.sql.js';

/** Passed/failed per contract rule over the day's finished ingestions (rule_results of the ingestions read model). */
export const RULE_PASS_RATES_SQL = `
  SELECT i.dataset, r->>'rule' AS rule, r->>'column' AS column_name, r->>'action' AS action,
    sum((r->>'passed')::bigint) AS passed, sum((r->>'failed')::bigint) AS failed
  FROM ingestions i CROSS JOIN LATERAL jsonb_array_elements(i.rule_results) AS r
  WHERE ${FINISHED} AND ${IN_DAY}
  GROUP BY i.dataset, r->>'rule', r->>'column', r->>'action'
  ORDER BY i.dataset, rule, column_name NULLS FIRST, action`;

export interface RulePassRow {
  dataset: string;
  rule: string;
  column_name: string | null;
  action: string;
  passed: string;
  failed: string;
}

/**
 * The ten most frequent quarantine reasons per dataset, and the ten most frequent across all
 * datasets (ranked together, each still naming its dataset), with one failure message as example.
 */
export const QUARANTINE_REASONS_SQL = `
  WITH failures AS (
    SELECT i.dataset, r->>'rule' AS rule, r->>'column' AS column_name, (r->>'failed')::bigint AS failed,
      r->'samples'->0->>'message' AS example
    FROM ingestions i CROSS JOIN LATERAL jsonb_array_elements(i.rule_results) AS r
    WHERE ${FINISHED} AND ${IN_DAY} AND r->>'action' = 'quarantine' AND (r->>'failed')::bigint > 0
  ), reasons AS (
    SELECT dataset, rule, column_name, sum(failed) AS count, min(example) AS example
    FROM failures GROUP BY dataset, rule, column_name
  ), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY dataset ORDER BY count DESC, rule, column_name) AS in_dataset,
      row_number() OVER (ORDER BY count DESC, dataset, rule, column_name) AS overall
    FROM reasons
  )
  SELECT dataset, rule, column_name, count, example, in_dataset <= 10 AS top_in_dataset, overall <= 10 AS top_overall
  FROM ranked WHERE in_dataset <= 10 OR overall <= 10
  ORDER BY count DESC, dataset, rule, column_name`;

export interface QuarantineReasonRow {
  dataset: string;
  rule: string;
  column_name: string | null;
  count: string;
  example: string | null;
  top_in_dataset: boolean;
  top_overall: boolean;
}
