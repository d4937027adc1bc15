import { decode, decodeFailure } from '../spec-harness.js';

describe('CSV decoding', () => {
  describe.each([
    ['comma', 'a.csv', 'id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n'],
    ['semicolon', 'a.csv', 'id;name;city\n1;Ann;Oslo\n2;Bob;Rome\n'],
    ['tab', 'a.csv', 'id\tname\tcity\n1\tAnn\tOslo\n2\tBob\tRome\n'],
    ['pipe', 'a.csv', 'id|name|city\n1|Ann|Oslo\n2|Bob|Rome\n'],
    ['tab forced by .tsv', 'a.tsv', 'id\tname\tcity\n1\tAnn\tOslo\n2\tBob\tRome\n'],
    ['.txt read as CSV', 'a.TXT', 'id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n'],
    ['CRLF', 'a.csv', 'id,name,city\r\n1,Ann,Oslo\r\n2,Bob,Rome\r\n'],
    ['BOM', 'a.csv', '\uFEFFid,name,city\n1,Ann,Oslo\n2,Bob,Rome\n'],
    ['no final newline', 'a.csv', 'id,name,city\n1,Ann,Oslo\n2,Bob,Rome'],
    ['quoted header and fields', 'a.csv', '"id","name","city"\n"1","Ann","Oslo"\n2,"Bob",Rome\n'],
    ['sniffed without extension', 'raw/orders/export', 'id;name;city\n1;Ann;Oslo\n2;Bob;Rome\n'],
  ])('%s', (_label, name, text) => {
    it('yields the records keyed by the header, values as strings, with their lines', async () => {
      const { items, bad } = await decode(text, name);
      expect(bad).toEqual([]);
      expect(items).toEqual([
        { kind: 'record', index: 1, line: 2, record: { id: '1', name: 'Ann', city: 'Oslo' } },
        { kind: 'record', index: 2, line: 3, record: { id: '2', name: 'Bob', city: 'Rome' } },
      ]);
    });
  });

  it('counts a semicolon as the delimiter when commas only appear inside quotes', async () => {
    const { records } = await decode('"a,b";c\n"1,2";3\n', 'a.csv');
    expect(records).toEqual([{ 'a,b': '1,2', c: '3' }]);
  });

  it('keeps quoted delimiters, "" escapes, line breaks and CRLF inside quotes', async () => {
    const text = 'id,note,tail\r\n1,"a, ""quoted"" word",x\r\n2,"line one\r\nline two\nline three",y\r\n3,plain,z\r\n';
    const { items } = await decode(text, 'a.csv');
    expect(items.map((i) => [i.line, i.kind === 'record' && i.record.note])).toEqual([
      [2, 'a, "quoted" word'],
      [3, 'line one\r\nline two\nline three'],
      [6, 'plain'],
    ]);
  });

  it('keeps numbers, signs, leading zeros and empty fields as the exact strings', async () => {
    const { records } = await decode('zip,amount,exp,empty,neg\n00123,1e3,0.10,,-0\n', 'a.csv');
    expect(records).toEqual([{ zip: '00123', amount: '1e3', exp: '0.10', empty: '', neg: '-0' }]);
  });

  it('reads unicode in names and values', async () => {
    const { records } = await decode('名前,città,emoji\n山田,Zürich,👩‍💻 ok\n', 'a.csv');
    expect(records).toEqual([{ 名前: '山田', città: 'Zürich', emoji: '👩‍💻 ok' }]);
  });

  it('skips blank lines but keeps counting them', async () => {
    const { items } = await decode('\n\nid,v\n1,a\n\n\r\n2,b\n\n', 'a.csv');
    expect(items.map((i) => [i.index, i.line])).toEqual([
      [1, 4],
      [2, 7],
    ]);
  });

  it('reads a very long but legal quoted field across many chunks', async () => {
    const long = 'x'.repeat(3_000_000) + ' "quoted", \r\n' + 'y'.repeat(1_000_000);
    const text = `id,big,after\n1,"${long.replace(/"/g, '""')}",end\n2,b,c\n`;
    const { records } = await decode(text, 'a.csv', { sizes: [65_536] });
    expect(records).toHaveLength(2);
    expect((records[0].big as string).length).toBe(long.length);
    expect(records[0].big === long).toBe(true);
    expect(records[0].after).toBe('end');
    expect(records[1]).toEqual({ id: '2', big: 'b', after: 'c' });
  });

  it('keeps text after a closing quote as it is, like spreadsheets do', async () => {
    const { records } = await decode('a,b\n"x"y,2\n', 'a.csv');
    expect(records).toEqual([{ a: 'xy', b: '2' }]);
  });

  it('keeps a quote inside an unquoted field as a character', async () => {
    const { records } = await decode('a,b\n5" pipe,2\n', 'a.csv');
    expect(records).toEqual([{ a: '5" pipe', b: '2' }]);
  });

  describe('header', () => {
    it('trims names and names empty ones column_<n>', async () => {
      const { records } = await decode(' id ,,name,\n1,x,Ann,y\n', 'a.csv');
      expect(records).toEqual([{ id: '1', column_2: 'x', name: 'Ann', column_4: 'y' }]);
    });

    it('does not let a generated name collide with a real one', async () => {
      const { records } = await decode('column_2,\n1,2\n', 'a.csv');
      expect(records).toEqual([{ column_2: '1', column_2_2: '2' }]);
    });

    it('rejects exact duplicate names with DUPLICATE_COLUMNS naming them', async () => {
      const error = await decodeFailure('id,name, id,Name,name\n1,a,b,c,d\n', 'raw/dup.csv');
      expect(error.reason).toBe('DUPLICATE_COLUMNS');
      expect(error.line).toBe(1);
      expect(error.message).toBe('raw/dup.csv, line 1: duplicate column names in the header: "id", "name"');
    });

    it('makes a __proto__ column an ordinary field', async () => {
      const { records } = await decode('__proto__,b\nx,y\n', 'a.csv');
      expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
      expect(Object.keys(records[0])).toEqual(['__proto__', 'b']);
      expect(JSON.stringify(records[0])).toBe('{"__proto__":"x","b":"y"}');
    });
  });

  describe('bad rows', () => {
    it('reports ragged rows as bad items and goes on', async () => {
      const { items } = await decode('a,b,c\n1,2,3\n1,2\n1,2,3,4\n"q\nq",2,3\n', 'raw/r.csv');
      expect(items.map((i) => [i.kind, i.index, i.line])).toEqual([
        ['record', 1, 2],
        ['bad', 2, 3],
        ['bad', 3, 4],
        ['record', 4, 5],
      ]);
      expect(items[1]).toEqual({
        kind: 'bad',
        index: 2,
        line: 3,
        code: 'RAGGED_ROW',
        message: 'raw/r.csv, line 3, record 2: expected 3 fields as in the header but found 2',
        raw: '1,2',
      });
      expect(items[2]).toMatchObject({ code: 'RAGGED_ROW', raw: '1,2,3,4', message: expect.stringContaining('found 4') });
    });
  });

  describe('fatal problems', () => {
    it.each([
      ['header only', 'id,name\n', 'HEADER_ONLY', 'raw/h.csv, line 1: the file has a header but no records'],
      ['header only, blank lines after it', 'id,name\r\n\r\n\n', 'HEADER_ONLY', 'raw/h.csv, line 1: the file has a header but no records'],
      [
        'unbalanced quote',
        'id,name\n1,ok\n2,"never closed\n3,x\n',
        'UNBALANCED_QUOTE',
        'raw/h.csv, line 3, record 2: unbalanced quote: the quoted field opened on line 3 is never closed',
      ],
      [
        'unbalanced quote in a later field after quoted line breaks',
        'id,a,b\n1,"x\ny","z\n',
        'UNBALANCED_QUOTE',
        'raw/h.csv, line 3, record 1: unbalanced quote: the quoted field opened on line 3 is never closed',
      ],
    ])('%s', async (_label, text, reason, message) => {
      const error = await decodeFailure(text, 'raw/h.csv');
      expect(error.reason).toBe(reason);
      expect(error.message).toBe(message);
    });

    it('stops at LINE_TOO_LONG without buffering past the limit', async () => {
      const text = 'id,big\n1,ok\n2,' + 'z'.repeat(5000) + '\n3,ok\n';
      const error = await decodeFailure(text, 'raw/long.csv', { decoder: { maxLineBytes: 1000 }, sizes: [97] });
      expect(error.reason).toBe('LINE_TOO_LONG');
      expect(error.line).toBe(3);
      expect(error.record).toBe(2);
      expect(error.message).toMatch(/^raw\/long\.csv, line 3, record 2: record longer than the 1000-byte limit/);
    });

    it('hints at an unbalanced quote when an open quote makes a record too long', async () => {
      const text = 'id,big\n1,"opened\n' + '2,x\n'.repeat(1000);
      const error = await decodeFailure(text, 'raw/long.csv', { decoder: { maxLineBytes: 1000 }, sizes: [64] });
      expect(error.reason).toBe('LINE_TOO_LONG');
      expect(error.message).toContain('a quote opened on line 2 is still open');
    });

    it('applies the limit to a complete record arriving in one chunk', async () => {
      const error = await decodeFailure('id,big\n1,' + 'z'.repeat(2000) + '\n', 'raw/long.csv', { decoder: { maxLineBytes: 1000 } });
      expect(error.reason).toBe('LINE_TOO_LONG');
      expect(error.line).toBe(2);
    });
  });
});
