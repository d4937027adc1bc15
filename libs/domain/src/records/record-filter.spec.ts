import { parseRecordFilter, parseRecordPath } from './record-filter.js';

describe('parseRecordPath', () => {
  it.each([
    ['name', ['name']],
    ['customer.address.city', ['customer', 'address', 'city']],
    ['items.0.sku', ['items', '0', 'sku']],
    ['Field_9', ['Field_9']],
  ])('splits %j into segments', (path, segments) => {
    expect(parseRecordPath(path)).toEqual(segments);
  });

  it.each(["a'; DROP TABLE x; --", 'a..b', '.a', 'a.', 'a-b', 'a b', 'ä', 'a.*', '{a}', "data->>'a'", ''])('refuses %j', (path) => {
    expect(() => parseRecordPath(path)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses paths deeper than 16 segments', () => {
    expect(() => parseRecordPath(Array(17).fill('a').join('.'))).toThrow(/more than 16 segments/);
  });
});

describe('parseRecordFilter', () => {
  it.each([
    [
      { path: 'a', op: 'eq', value: 'x' },
      { path: ['a'], op: 'eq', value: 'x' },
    ],
    [
      { path: 'a', op: 'eq', value: null },
      { path: ['a'], op: 'eq', value: null },
    ],
    [
      { path: 'a', op: 'in', value: [1, 'b'] },
      { path: ['a'], op: 'in', value: [1, 'b'] },
    ],
    [
      { path: 'a', op: 'exists' },
      { path: ['a'], op: 'exists', value: true },
    ],
    [
      { path: 'a', op: 'exists', value: false },
      { path: ['a'], op: 'exists', value: false },
    ],
    [
      { path: 'a', op: 'gte', value: '2026-01-01' },
      { path: ['a'], op: 'gte', value: '2026-01-01' },
    ],
  ])('accepts %j', (input, expected) => {
    expect(parseRecordFilter(input)).toEqual(expected);
  });

  it.each([
    [{ path: 'a', op: 'like', value: 'x' }, /op "like" is not one of/],
    [{ path: 'a', op: 'eq' }, /value is required for eq/],
    [{ path: 'a', op: 'in', value: 'x' }, /array of 1 to 1000/],
    [{ path: 'a', op: 'in', value: [] }, /array of 1 to 1000/],
    [{ path: 'a', op: 'gt', value: { x: 1 } }, /number or a string/],
    [{ path: 'a', op: 'gt', value: true }, /number or a string/],
    [{ path: 'a', op: 'exists', value: 'yes' }, /true or false/],
  ])('refuses %j', (input, message) => {
    expect(() => parseRecordFilter(input, 3)).toThrow(message);
    expect(() => parseRecordFilter(input, 3)).toThrow(/^where\[3\]/);
  });
});
