import { IDENTIFIER_PATTERN, toSnakeCase } from './snake-case.js';

describe('toSnakeCase', () => {
  it.each([
    ['OrderID', 'order_id'],
    ['customerName', 'customer_name'],
    ['Customer Name', 'customer_name'],
    ['unit-price ($)', 'unit_price'],
    ['  A  ', 'a'],
    ['HTTPStatusCode', 'http_status_code'],
    ['already_snake', 'already_snake'],
    ['123abc', '_123abc'],
    ['address2', 'address2'],
    ['line2Name', 'line2_name'],
    ['utf8Encoding', 'utf8_encoding'],
    ['3D', '_3d'],
    ['a__b', 'a_b'],
    ['a - b', 'a_b'],
    ['_id', '_id'],
    ['__id__', '_id'],
    ['Größe', 'gro_e'],
    ['Crème brûlée', 'creme_brulee'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['e-mail Address', 'e_mail_address'],
    ['ID', 'id'],
    ['userID2', 'user_id2'],
  ])('%j → %j', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });

  it.each(['', '($)', '名前', '   '])('gives %j a deterministic identifier', (input) => {
    const out = toSnakeCase(input);
    expect(out).toMatch(/^_[0-9a-f]{8}$/);
    expect(toSnakeCase(input)).toBe(out);
  });

  it('keeps distinct unusable names distinct', () => {
    expect(toSnakeCase('($)')).not.toBe(toSnakeCase('(%)'));
  });

  it.each(['x', 'Ünïcödé Nämé', '9', '-', 'ABC def GHI', '日本 2 語'])('always yields a valid identifier for %j', (input) => {
    expect(toSnakeCase(input)).toMatch(IDENTIFIER_PATTERN);
  });
});
