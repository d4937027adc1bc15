import type { SeededRandom } from './seeded-random.js';

/** The benchmark file's columns: one of each type the contracts know, named like a web shop's orders. */
export const ORDER_COLUMNS = [
  'id',
  'customer_email',
  'order_ts',
  'status',
  'quantity',
  'unit_price',
  'country',
  'note',
  'is_gift',
  'score',
] as const;

export const ORDER_STATUSES = ['pending', 'shipped', 'delivered', 'cancelled'] as const;

const FIRST = ['ana', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kemi', 'lena', 'mateo', 'nora'];
const LAST = ['smith', 'garcia', 'muller', 'rossi', 'kowalski', 'tanaka', 'okafor', 'silva', 'dubois', 'jensen', 'novak', 'ali'];
const DOMAINS = ['example.com', 'mail.example.org', 'shop.example.net', 'example.co.uk'];
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'ES', 'IT', 'NL', 'PL', 'SE', 'JP', 'BR', 'IN', 'CA', 'AU', 'NG', 'MX'];
// Empty notes are the common case; the others exercise CSV quoting: commas, doubled quotes, a line break.
const NOTES = [
  '',
  '',
  '',
  '',
  'Leave at the door',
  'Gift wrap, please',
  'Customer said "fragile", handle with care',
  'Call before delivery',
  'Deliver after 6pm, side entrance',
  'Second floor\nring twice',
];

const FIRST_TS_SECONDS = Date.UTC(2024, 0, 1) / 1000;
const TS_SPAN_SECONDS = 2 * 365 * 86_400;

/** One CSV line (with its newline) for order `id`; only ASCII, so string length is byte length. */
export function orderCsvLine(random: SeededRandom, id: number): string {
  const email = `${random.pick(FIRST)}.${random.pick(LAST)}${random.int(1, 999)}@${random.pick(DOMAINS)}`;
  const ts = new Date((FIRST_TS_SECONDS + random.int(0, TS_SPAN_SECONDS)) * 1000).toISOString().slice(0, 19) + 'Z';
  const cents = random.int(50, 99_999);
  const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const score = (random.next() * 100).toFixed(4);
  const fields = [
    String(id),
    email,
    ts,
    random.pick(ORDER_STATUSES),
    String(random.int(1, 20)),
    price,
    random.pick(COUNTRIES),
    csvField(random.pick(NOTES)),
    random.next() < 0.1 ? 'true' : 'false',
    score,
  ];
  return fields.join(',') + '\n';
}

export function orderCsvHeader(): string {
  return ORDER_COLUMNS.join(',') + '\n';
}

/** RFC 4180 quoting, only where needed. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
