import { decode, decodeFailure, gzip } from '../spec-harness.js';

const text = '{"id":1,"name":"Ann"}\r\n\n  \n{"id":2,"name":"Zoë 🦊","n":{"a":[1]}}\n{"id":3}';
const expected = [
  { kind: 'record', index: 1, line: 1, record: { id: 1, name: 'Ann' } },
  { kind: 'record', index: 2, line: 4, record: { id: 2, name: 'Zoë 🦊', n: { a: [1] } } },
  { kind: 'record', index: 3, line: 5, record: { id: 3 } },
];

describe('NDJSON decoding', () => {
  it.each([
    ['.ndjson', 'a.ndjson', text],
    ['.jsonl', 'a.JSONL', text],
    ['.json holding NDJSON', 'a.json', text],
    ['sniffed', 'raw/upload', text],
    ['gzipped', 'a.ndjson.gz', gzip(text)],
    ['gzipped, sniffed', 'raw/upload', gzip(text)],
  ])('%s: one record per line, blank lines skipped, lines counted', async (_label, name, input) => {
    expect((await decode(input, name)).items).toEqual(expected);
  });

  it('gives the same records whatever offset the input is split at', async () => {
    const bytes = Buffer.from(text);
    for (let at = 1; at < bytes.length; at++) {
      const { items } = await decode(bytes, 'a.ndjson', { sizes: [at, bytes.length] });
      expect({ at, items }).toEqual({ at, items: expected });
    }
  });

  it('reports unreadable lines as bad items and goes on', async () => {
    const deep = '{"a":' + '['.repeat(70) + ']'.repeat(70) + '}';
    const input = ['{"id":1}', '{"id":2,}', '[1,2]', '"text"', deep, 'null', '{"id":7}'].join('\r\n');
    const { items } = await decode(input, 'raw/e.ndjson');
    expect(items.map((i) => [i.kind, i.index, i.line, i.kind === 'bad' ? i.code : ''])).toEqual([
      ['record', 1, 1, ''],
      ['bad', 2, 2, 'JSON_SYNTAX'],
      ['bad', 3, 3, 'NOT_AN_OBJECT'],
      ['bad', 4, 4, 'NOT_AN_OBJECT'],
      ['bad', 5, 5, 'NESTING_TOO_DEEP'],
      ['bad', 6, 6, 'NOT_AN_OBJECT'],
      ['record', 7, 7, ''],
    ]);
    expect(items[1]).toMatchObject({
      raw: '{"id":2,}',
      message: expect.stringMatching(/^raw\/e\.ndjson, line 2, record 2: invalid JSON: /),
    });
    expect(items[2]).toMatchObject({ message: 'raw/e.ndjson, line 3, record 3: expected an object, found an array' });
    expect(items[4]).toMatchObject({ message: 'raw/e.ndjson, line 5, record 5: nesting deeper than 64 levels' });
  });

  it('does not count brackets inside strings as nesting', async () => {
    const line = JSON.stringify({ s: '[[[[[[[[[[{{{{{{{{{{\\"[[[[', t: ['x'] });
    expect((await decode(line + '\n', 'a.ndjson', { decoder: { maxDepth: 2 } })).records).toHaveLength(1);
  });

  it('stops at a line longer than the limit', async () => {
    const input = '{"a":1}\n{"big":"' + 'x'.repeat(5000) + '"}\n{"a":3}\n';
    const error = await decodeFailure(input, 'raw/l.ndjson', { decoder: { maxLineBytes: 1000 }, sizes: [64] });
    expect(error.reason).toBe('LINE_TOO_LONG');
    expect(error.message).toMatch(/^raw\/l\.ndjson, line 2, record 2: line longer than the 1000-byte limit/);
  });

  it('reads a long legal line spread over many chunks', async () => {
    const big = 'é'.repeat(2_000_000);
    const { records } = await decode(`{"a":1}\n{"big":"${big}"}\n{"a":3}\n`, 'a.ndjson', { sizes: [65_536] });
    expect(records.map((r) => Object.keys(r))).toEqual([['a'], ['big'], ['a']]);
    expect(records[1].big === big).toBe(true);
  });

  it('rejects a file of blank lines beyond the inspected head as EMPTY_FILE', async () => {
    const error = await decodeFailure('\n'.repeat(70_000), 'raw/b.ndjson');
    expect(error.reason).toBe('EMPTY_FILE');
    expect(error.message).toBe('raw/b.ndjson: the file is empty (only blank lines)');
  });
});
