import { Readable } from 'node:stream';
import { decode, gzip } from '../spec-harness.js';

// Multi-byte characters (2, 3 and 4 bytes), quotes, "" escapes, CRLF and LF inside and outside quotes.
const tricky = Buffer.from(
  '\uFEFFid;name;note\r\n' + '1;"Zoë ""the"" 🦊";"a;b\r\nc"\r\n' + '2;東京;""\n' + '3;"";"end ""quoted""\nline"\r\n',
  'utf8',
);
const expected = [
  { kind: 'record', index: 1, line: 2, record: { id: '1', name: 'Zoë "the" 🦊', note: 'a;b\r\nc' } },
  { kind: 'record', index: 2, line: 4, record: { id: '2', name: '東京', note: '' } },
  { kind: 'record', index: 3, line: 5, record: { id: '3', name: '', note: 'end "quoted"\nline' } },
];

describe('CSV across chunk boundaries', () => {
  it('gives the same records whatever byte offset the input is split at', async () => {
    for (let at = 0; at <= tricky.length; at++) {
      const { items } = await decode(tricky, 'a.csv', { sizes: [at || tricky.length, tricky.length] });
      expect({ at, items }).toEqual({ at, items: expected });
    }
  });

  it.each([1, 2, 3, 5, 7])('gives the same records in chunks of %i bytes', async (size) => {
    const { items } = await decode(tricky, 'a.csv', { sizes: [size] });
    expect(items).toEqual(expected);
  });

  it('gives the same records gzipped, in chunks of 3 bytes', async () => {
    const { items } = await decode(gzip(tricky), 'a.csv.gz', { sizes: [3] });
    expect(items).toEqual(expected);
  });

  it('streams a generated 200k-row file in odd chunk sizes', async () => {
    const rows = 200_000;
    const { items, batchSizes } = await decode(generatedCsv(rows), 'big.csv');
    expect(items).toHaveLength(rows);
    expect(batchSizes.every((n) => n === 1000)).toBe(true);
    // Each earlier two-line note pushes the following records one physical line further down.
    const lineOf = (id: number) => id + 1 + Math.floor((id - 1) / 12_345);
    expect(items.every((item, i) => item.kind === 'record' && item.index === i + 1 && item.line === lineOf(i + 1))).toBe(true);
    expect(items[0]).toMatchObject({ record: { id: '1', name: 'name 1', amount: '0.07', note: 'plain' } });
    expect(items[12_344]).toMatchObject({ record: { id: '12345', note: 'line one\nline "two"' }, line: 12_346 });
    expect(items[12_345]).toMatchObject({ record: { id: '12346', note: 'plain' }, line: 12_348 });
    expect(items[rows - 2]).toMatchObject({ record: { id: '199999', name: 'name 199999', city: 'Zürich' } });
    expect(items[rows - 1]).toMatchObject({ record: { id: '200000', name: 'name 200000', city: 'Oslo' } });
  });
});

/** Rows 1..n, every 12345th with a quoted multi-line note (which adds a physical line), as a stream of odd-sized byte chunks. */
function generatedCsv(rows: number): Readable {
  const sizes = [1, 4093, 7, 65_537, 333, 2];
  async function* chunks(): AsyncGenerator<Buffer> {
    let pending = Buffer.from('id,name,amount,city,note\n');
    let k = 0;
    for (let start = 1; start <= rows; start += 1000) {
      let text = '';
      for (let i = start; i < start + 1000 && i <= rows; i++) {
        const note = i % 12_345 === 0 ? '"line one\nline ""two"""' : 'plain';
        text += `${i},name ${i},${((i * 7) % 100) / 100},${i % 2 ? 'Zürich' : 'Oslo'},${note}\n`;
      }
      pending = Buffer.concat([pending, Buffer.from(text)]);
      for (let size = sizes[k % sizes.length]; pending.length > size; size = sizes[++k % sizes.length]) {
        yield pending.subarray(0, size);
        pending = pending.subarray(size);
      }
    }
    yield pending;
  }
  return Readable.from(chunks(), { objectMode: false });
}
