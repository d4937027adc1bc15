import { firstLineComplete, sniffFormat } from './format-sniffer.js';

describe('sniffFormat', () => {
  it.each([
    ['array', '[{"a":1}]', 'json'],
    ['array after whitespace and BOM', '\uFEFF \n [\n{"a":1}]', 'json'],
    ['one-line {"data":[...]}', '{"data":[{"a":1}]}', 'json'],
    ['one-line {"data":[...]} followed by more lines', '{"data":[{"a":1}]}\n{"data":[{"a":2}]}', 'json'],
    ['pretty-printed {"data":[...]}', '{\n  "data": [\n    {"a": 1}\n  ]\n}', 'json'],
    ['NDJSON', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['NDJSON with CRLF and blank lines', '{"a":1}\r\n\r\n{"a":2}\r\n', 'ndjson'],
    ['NDJSON whose records hold a "data" field', '{"data":"x"}\n{"data":"y"}', 'ndjson'],
    ['NDJSON whose first line is broken', '{"a":\n{"a":2}\n', 'ndjson'],
    ['a single object without "data": one NDJSON record', '{"a":1}', 'ndjson'],
    ['a single object whose "data" is not an array: JSON, to be rejected for its shape', '{"data":{"a":1}}', 'json'],
    ['CSV', 'id,name\n1,a\n', 'csv'],
    ['CSV starting with a quote', '"id";"name"\n', 'csv'],
  ])('%s → %s', (_label, head, format) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it('under a .json name never answers CSV, and reads a lone object as a document', () => {
    expect(sniffFormat('id,name\n1,a', true)).toBe('json');
    expect(sniffFormat('{"rows":[{"a":1}]}\n', true)).toBe('json');
    expect(sniffFormat('{"a":1}\n{"a":2}\n', true)).toBe('ndjson');
  });

  it('asks for more text only while a `{` first line is incomplete', () => {
    expect(firstLineComplete('{"a": 1, "b"')).toBe(false);
    expect(firstLineComplete('{"a": 1}\n')).toBe(true);
    expect(firstLineComplete('id,name')).toBe(true);
  });
});
