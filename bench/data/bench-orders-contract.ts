import { ORDER_STATUSES } from './order-row.js';

export const BENCH_DATASET = 'bench_orders';

/**
 * The data contract for the generated orders (format: libs/domain/src/contract/data-contract.ts).
 * Every row of the generated file passes every rule, so the row count after a run is exact; the
 * rules are there so the run pays for quality checks as a real dataset would.
 * @param primaryKey dedupe on `id` (the realistic case) or not (bounded memory for the 1 GB run).
 */
export function benchOrdersContractYaml(primaryKey: boolean): string {
  return [
    `dataset: ${BENCH_DATASET}`,
    'description: Generated orders for npm run bench.',
    `primaryKey: [${primaryKey ? 'id' : ''}]`,
    'fields:',
    '  - { name: id, type: integer, required: true }',
    '  - { name: customer_email, type: string, required: true }',
    '  - { name: order_ts, type: timestamp, required: true }',
    '  - { name: status, type: string, required: true }',
    '  - { name: quantity, type: integer, required: true }',
    '  - { name: unit_price, type: decimal, precision: 12, scale: 2 }',
    '  - { name: country, type: string }',
    '  - { name: note, type: string }',
    '  - { name: is_gift, type: boolean }',
    '  - { name: score, type: number }',
    'rules:',
    `  - { rule: ColumnValuesMatch, column: customer_email, pattern: '^[^@\\s<>]+@[^@\\s<>]+\\.[a-z]{2,}$', action: quarantine }`,
    `  - { rule: ColumnValuesInSet, column: status, values: [${ORDER_STATUSES.join(', ')}], action: quarantine }`,
    '  - { rule: ColumnValuesBetween, column: quantity, min: 1, max: 1000, action: warn }',
    '  - { rule: ColumnLength, column: country, min: 2, max: 2, action: warn }',
    '  - { rule: ColumnValuesNotInFuture, column: order_ts, toleranceSeconds: 300, action: quarantine }',
    '  - { rule: MaxInvalidRatio, max: 0.5, action: halt }',
    '',
  ].join('\n');
}

/** The same columns as a plain typed table, for the `\copy` baseline. */
export const BENCH_COPY_TABLE_DDL = `CREATE TABLE bench_copy (
  id bigint, customer_email text, order_ts timestamptz, status text, quantity int,
  unit_price numeric(12, 2), country text, note text, is_gift boolean, score double precision)`;
