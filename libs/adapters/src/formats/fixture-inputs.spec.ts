import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decode, decodeFailure } from './spec-harness.js';

// The small committed fixtures other suites use; this keeps test/fixtures/inputs/README.md true.
const fixture = (name: string) => createReadStream(fileURLToPath(new URL(`../../../../test/fixtures/inputs/${name}`, import.meta.url)));

const orders = [
  { id: '1', customer: 'Ann Ode', amount: '19.9', note: 'plain', ordered_at: '2026-01-05T10:00:00Z' },
  { id: '2', customer: 'Zoë Brandt', amount: '0.5', note: 'comma, and "quotes"', ordered_at: '2026-01-06T11:30:00Z' },
  { id: '3', customer: '山田 太郎', amount: '1200', note: 'two\r\nlines', ordered_at: '2026-01-07T09:15:00Z' },
];
// CSV keeps "19.90"; JSON has the number 19.9: compare both as numbers-in-text.
const normalised = (records: Record<string, unknown>[]) =>
  records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'amount' ? String(Number(v)) : String(v)])));

describe('input fixtures', () => {
  it.each([
    ['orders.csv', [2, 3, 4]],
    ['orders-semicolon.csv', [2, 3, 4]],
    ['orders.tsv', [2, 3, 4]],
    ['orders.csv.gz', [2, 3, 4]],
    ['orders.json', [2, 3, 4]],
    ['orders-data.json', [4, 5, 6]],
    ['orders.ndjson', [1, 2, 4]],
    ['orders.ndjson.gz', [1, 2, 4]],
  ])('%s holds the three orders', async (name, lines) => {
    const { items, records } = await decode(fixture(name), `fixtures/${name}`);
    expect(normalised(records)).toEqual(orders);
    expect(items.map((i) => i.line)).toEqual(lines);
  });

  it.each([
    ['ragged.csv', ['record', 'RAGGED_ROW', 'RAGGED_ROW', 'record'], [2, 3, 4, 5]],
    ['bad-lines.ndjson', ['record', 'JSON_SYNTAX', 'NOT_AN_OBJECT', 'record'], [1, 2, 3, 4]],
  ])('%s yields bad items and goes on', async (name, kinds, lines) => {
    const { items } = await decode(fixture(name), `fixtures/${name}`);
    expect(items.map((i) => (i.kind === 'bad' ? i.code : i.kind))).toEqual(kinds);
    expect(items.map((i) => i.line)).toEqual(lines);
  });

  it.each([
    ['empty.csv', 'EMPTY_FILE', undefined],
    ['header-only.csv', 'HEADER_ONLY', 1],
    ['unbalanced-quote.csv', 'UNBALANCED_QUOTE', 3],
    ['latin1.csv', 'INVALID_UTF8', 3],
    ['duplicate-columns.csv', 'DUPLICATE_COLUMNS', 1],
    ['truncated.json', 'JSON_SYNTAX', 3],
    ['not-records.json', 'JSON_SHAPE', 1],
    ['truncated.csv.gz', 'GZIP_CORRUPT', expect.any(Number)],
    ['binary.csv', 'BINARY_CONTENT', 3],
    ['orders.xlsx', 'UNKNOWN_FORMAT', undefined],
  ])('%s fails with %s', async (name, reason, line) => {
    const error = await decodeFailure(fixture(name), `fixtures/${name}`);
    expect({ reason: error.reason, line: error.line, file: error.file }).toEqual({ reason, line, file: `fixtures/${name}` });
    expect(error.message.startsWith(`fixtures/${name}`)).toBe(true);
  });
});
