import { jsonValueText, keyFragment, lineageFragments } from './row-json.js';

describe('row JSON text', () => {
  it.each<[string, unknown]>([
    ['plain string', 'Alice'],
    ['empty string', ''],
    ['quote', 'say "hi"'],
    ['backslash', 'C:\\temp'],
    ['newline and tab', 'a\nb\tc'],
    ['control character', 'a\u0001b'],
    ['emoji (surrogate pair)', 'ok 😀'],
    ['lone surrogate', 'bad \ud800 end'],
    ['non-ASCII', 'Crème brûlée'],
    ['integer', 42],
    ['negative fraction', -0.25],
    ['negative zero', -0],
    ['large', 1e21],
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['true', true],
    ['false', false],
    ['null', null],
    ['object', { a: [1, 'x', null], b: { c: true } }],
    ['array', [1, 2, 3]],
    ['date', new Date('2026-11-26T10:00:00Z')],
  ])('%s is written as JSON.stringify writes it inside an object', (_label, value) => {
    expect(jsonValueText(value)).toBe(JSON.stringify({ v: value }).slice(5, -1));
  });

  it('writes bigint as a JSON number', () => {
    expect(jsonValueText(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('assembles to JSON.stringify of the same object', () => {
    const ctx = { ingestionId: 'i"d', source: 'raw/a b.csv', ingestedAt: '2026-11-26T10:00:00.000Z' };
    const { head, tail } = lineageFragments(ctx);
    const text = `${keyFragment('a', true)}${jsonValueText(1)}${keyFragment('we"ird', false)}${jsonValueText('x')},${head}7${tail}`;
    expect(text).toBe(
      JSON.stringify({
        a: 1,
        'we"ird': 'x',
        _ingestion_id: 'i"d',
        _source: 'raw/a b.csv',
        _row: 7,
        _ingested_at: '2026-11-26T10:00:00.000Z',
      }),
    );
  });
});
