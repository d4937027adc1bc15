import { decode, decodeFailure, gzip } from '../spec-harness.js';

const pretty = `[
  {"id": 1, "name": "Ann", "tags": ["a", "b"]},
  {
    "id": 2,
    "name": "Bob [the \\"builder\\"], {ok}",
    "nested": {"deep": [1, {"x": null}]}
  },
  {"id": 3, "name": "Zoë 🦊 \\u00e9\\\\"}
]
`;
const expected = [
  { kind: 'record', index: 1, line: 2, record: { id: 1, name: 'Ann', tags: ['a', 'b'] } },
  { kind: 'record', index: 2, line: 3, record: { id: 2, name: 'Bob [the "builder"], {ok}', nested: { deep: [1, { x: null }] } } },
  { kind: 'record', index: 3, line: 8, record: { id: 3, name: 'Zoë 🦊 é\\' } },
];

describe('JSON array decoding', () => {
  it('yields each element of a top-level array with the line it starts on', async () => {
    const { items } = await decode(pretty, 'raw/a.json');
    expect(items).toEqual(expected);
  });

  it('gives the same records whatever offset the input is split at (escapes, multi-byte characters)', async () => {
    const bytes = Buffer.from(pretty);
    for (let at = 1; at < bytes.length; at++) {
      const { items } = await decode(bytes, 'a.json', { sizes: [at, bytes.length] });
      expect({ at, items }).toEqual({ at, items: expected });
    }
  });

  it.each([1, 2, 3])('gives the same records in chunks of %i bytes', async (size) => {
    expect((await decode(pretty, 'a.json', { sizes: [size] })).items).toEqual(expected);
  });

  it('reads the "data" array of a top-level object and ignores the other keys', async () => {
    const text = `{"meta": {"data": "not this", "list": [{"data": [9]}], "s": "data\\"]}"},
 "count": 2, "ok": true, "none": null,
 "data": [{"id": 1}, {"id": 2}],
 "after": [[], {}]}`;
    const { items } = await decode(text, 'raw/d.json');
    expect(items).toEqual([
      { kind: 'record', index: 1, line: 3, record: { id: 1 } },
      { kind: 'record', index: 2, line: 3, record: { id: 2 } },
    ]);
  });

  it('finds "data" whatever offset the input is split at (escaped keys, strings holding brackets)', async () => {
    const bytes = Buffer.from('{"m\\"x": {"data": "]["}, "\\u0064ata": [{"k": "v\\\\"}, {"é": "🦊"}], "z": [1]}');
    for (let at = 1; at < bytes.length; at++) {
      const { records } = await decode(bytes, 'd.json', { sizes: [at, bytes.length] });
      expect({ at, records }).toEqual({ at, records: [{ k: 'v\\' }, { é: '🦊' }] });
    }
  });

  it('recognises an escaped "data" key', async () => {
    expect((await decode('{"d\\u0061ta":[{"a":1}]}', 'd.json')).records).toEqual([{ a: 1 }]);
  });

  it('reads gzipped JSON and sniffs JSON without an extension', async () => {
    expect((await decode(gzip(pretty), 'a.json.gz')).items).toEqual(expected);
    expect((await decode(gzip(pretty), 'raw/orders/upload')).items).toEqual(expected);
    expect((await decode('{"data": [{"a": 1}]}', 'raw/orders/upload')).records).toEqual([{ a: 1 }]);
  });

  it('reports elements that are not objects as bad items and goes on', async () => {
    const { items } = await decode('[{"a":1},\n 42,\n "text",\n [1,2],\n null,\n {"a":2}]', 'raw/m.json');
    expect(items.map((i) => [i.kind, i.index, i.line, i.kind === 'bad' ? i.code : ''])).toEqual([
      ['record', 1, 1, ''],
      ['bad', 2, 2, 'NOT_AN_OBJECT'],
      ['bad', 3, 3, 'NOT_AN_OBJECT'],
      ['bad', 4, 4, 'NOT_AN_OBJECT'],
      ['bad', 5, 5, 'NOT_AN_OBJECT'],
      ['record', 6, 6, ''],
    ]);
    expect(items[1]).toMatchObject({ message: 'raw/m.json, line 2, record 2: expected an object, found a number', raw: '42' });
    expect(items[3]).toMatchObject({ message: 'raw/m.json, line 4, record 4: expected an object, found an array' });
  });

  describe('fatal problems', () => {
    it.each([
      ['syntax error inside a record', '[{"a":1},\n{"a":2},\n{"a": tru}\n,{"a":4}]', 'JSON_SYNTAX', 3, 3],
      ['syntax error on a later line of a record', '[{"a":1},\n{\n"a": 1,\n"b" 2\n}]', 'JSON_SYNTAX', 4, 2],
      ['missing comma between records', '[{"a":1}\n{"a":2}]', 'JSON_SYNTAX', 2, 1],
      ['trailing comma', '[{"a":1},\n]', 'JSON_SYNTAX', 2, undefined],
      ['two commas', '[{"a":1},,{"a":2}]', 'JSON_SYNTAX', 1, undefined],
      ['mismatched bracket', '[{"a":[1}]}]', 'JSON_SYNTAX', 1, 1],
      ['truncated document', '[{"a":1},\n{"a":', 'JSON_SYNTAX', 2, undefined],
      ['truncated inside a string', '[{"a":1},\n{"a":"x', 'JSON_SYNTAX', 2, undefined],
      ['text after the document', '[{"a":1}]\n[{"a":2}]', 'JSON_SYNTAX', 2, undefined],
      ['unquoted key in the top-level object', '{data: [{"a":1}]}', 'JSON_SYNTAX', 1, undefined],
      ['top-level string', '"just text"', 'JSON_SHAPE', 1, undefined],
      ['top-level number', '\n42', 'JSON_SHAPE', 2, undefined],
      ['object without "data"', '{\n"rows": [{"a":1}]\n}', 'JSON_SHAPE', 3, undefined],
      ['"data" not an array', '{"data": {"a":1}}', 'JSON_SHAPE', 1, undefined],
      ['"data" a string', '{"data": "[]"}', 'JSON_SHAPE', 1, undefined],
      ['empty array', '[\n]', 'NO_RECORDS', 2, undefined],
      ['empty "data" array', '{"meta": 1, "data": []}', 'NO_RECORDS', 1, undefined],
      ['only whitespace beyond the inspected head', ' '.repeat(70_000) + '\n', 'EMPTY_FILE', 2, undefined],
    ])('%s', async (_label, text, reason, line, record) => {
      const error = await decodeFailure(text, 'raw/bad.json');
      expect({ reason: error.reason, line: error.line, record: error.record }).toEqual({ reason, line, record });
      expect(error.message).toMatch(new RegExp(`^raw/bad\\.json, line ${line}${record ? `, record ${record}` : ''}: .+`));
    });

    it('says what JSON.parse found wrong', async () => {
      const error = await decodeFailure('[{"a":1},\n{"a": tru}]', 'raw/bad.json');
      expect(error.message).toMatch(/^raw\/bad\.json, line 2, record 2: invalid JSON: .*\(record 2\)$/);
    });

    it('stops at nesting deeper than the limit before parsing', async () => {
      const deep = '['.repeat(65) + ']'.repeat(65);
      expect((await decode(`[{"a": ${'['.repeat(63)}${']'.repeat(63)}}]`, 'ok.json')).records).toHaveLength(1);
      const error = await decodeFailure(`[{"a":1},\n{"a": ${deep}}]`, 'raw/deep.json');
      expect(error.reason).toBe('NESTING_TOO_DEEP');
      expect(error.message).toBe('raw/deep.json, line 2, record 2: nesting deeper than 64 levels');
    });

    it('applies the nesting limit inside "data" and outside it', async () => {
      const limit = { decoder: { maxDepth: 3 } };
      expect((await decode('{"data":[{"a":{"b":[1]}}]}', 'ok.json', limit)).records).toHaveLength(1);
      expect((await decodeFailure('{"data":[{"a":{"b":[[1]]}}]}', 'd.json', limit)).reason).toBe('NESTING_TOO_DEEP');
      expect((await decodeFailure('{"m":{"a":{"b":[[1]]}},"data":[{}]}', 'd.json', limit)).reason).toBe('NESTING_TOO_DEEP');
    });

    it('stops at a record longer than the limit without holding more of it', async () => {
      const text = `[{"a":1},\n{"big": "${'x'.repeat(5000)}"}]`;
      const error = await decodeFailure(text, 'raw/long.json', { decoder: { maxLineBytes: 1000 }, sizes: [100] });
      expect(error.reason).toBe('LINE_TOO_LONG');
      expect(error.message).toMatch(/^raw\/long\.json, line 2, record 2: record longer than the 1000-byte limit/);
    });
  });
});
