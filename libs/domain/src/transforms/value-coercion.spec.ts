import type { FieldSpec, FieldType } from '../contract/data-contract.js';
import { coerceValue } from './value-coercion.js';

const field = (type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name: 'f', type, ...extra });
const ok = (value: unknown) => ({ ok: true, value });

function expectFailure(value: unknown, spec: FieldSpec, messagePart: string | RegExp) {
  const result = coerceValue(value, spec);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(messagePart);
}

describe('coerceValue', () => {
  it.each<[FieldType, unknown]>([
    ['integer', null],
    ['timestamp', undefined],
    ['json', null],
  ])('passes null through for %s', (type, input) => {
    expect(coerceValue(input, field(type))).toEqual(ok(null));
  });

  describe('string', () => {
    it.each<[unknown, unknown]>([
      ['abc', 'abc'],
      [42, '42'],
      [4.5, '4.5'],
      [true, 'true'],
      [12n, '12'],
      [{ a: [1, 'x'] }, '{"a":[1,"x"]}'],
      [[1, 2], '[1,2]'],
      [new Date('2026-11-26T10:00:00Z'), '2026-11-26T10:00:00.000Z'],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('string'))).toEqual(ok(expected));
    });
  });

  describe('integer', () => {
    it.each<[unknown, unknown]>([
      ['42', 42],
      ['+42', 42],
      ['-7', -7],
      ['0', 0],
      ['-0', 0],
      ['007', 7],
      ['1e3', 1000],
      ['42.0', 42],
      ['42.000', 42],
      ['1.5e1', 15],
      [42, 42],
      [42.0, 42],
      [-9007199254740991, -9007199254740991],
      ['9007199254740991', 9007199254740991],
      ['9007199254740993', '9007199254740993'],
      ['9223372036854775807', '9223372036854775807'],
      ['-9223372036854775808', '-9223372036854775808'],
      ['+0009223372036854775807', '9223372036854775807'],
      [2 ** 60, '1152921504606846976'],
      [123n, 123],
      [2n ** 62n, '4611686018427387904'],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('integer'))).toEqual(ok(expected));
    });

    it.each<[unknown, string]>([
      ['4.5', '"4.5" is not an integer'],
      ['abc', '"abc" is not an integer'],
      ['', '"" is not an integer'],
      ['1e-1', 'is not an integer'],
      ['12abc', 'is not an integer'],
      ['0x10', 'is not an integer'],
      ['1,000', 'is not an integer'],
      [4.5, '4.5 is not an integer'],
      [Number.NaN, 'is not an integer'],
      [Infinity, 'is not an integer'],
      ['9223372036854775808', 'outside the 64-bit integer range'],
      ['-9223372036854775809', 'outside the 64-bit integer range'],
      ['1e30', 'outside the 64-bit integer range'],
      [1e300, 'outside the 64-bit integer range'],
      [true, 'true is not an integer'],
      [{}, '{} is not an integer'],
    ])('rejects %j', (input, message) => {
      expectFailure(input, field('integer'), message);
    });
  });

  describe('number', () => {
    it.each<[unknown, unknown]>([
      ['4.5', 4.5],
      ['-0.25', -0.25],
      ['.5', 0.5],
      ['5.', 5],
      ['1e3', 1000],
      ['+1.5E-2', 0.015],
      [3.14, 3.14],
      [7n, 7],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('number'))).toEqual(ok(expected));
    });

    it.each<unknown>(['1,5', 'NaN', 'Infinity', '-Infinity', '1e999', '', '.', '0x1A', ' 1', 'abc', Number.NaN, Infinity, true, [1]])(
      'rejects %j',
      (input) => {
        expectFailure(input, field('number'), 'not');
      },
    );
  });

  describe('decimal', () => {
    it.each<[unknown, Partial<FieldSpec>, string]>([
      ['12.5', {}, '12.5'],
      ['12.50', {}, '12.5'],
      ['+012.5', {}, '12.5'],
      ['-0.00', {}, '0'],
      ['12.5', { precision: 10, scale: 2 }, '12.50'],
      ['-12.5', { precision: 10, scale: 2 }, '-12.50'],
      ['12.500', { precision: 4, scale: 2 }, '12.50'],
      ['.5', { scale: 2 }, '0.50'],
      ['0.001', {}, '0.001'],
      ['1.5e3', {}, '1500'],
      ['1.5e-3', {}, '0.0015'],
      [12.25, { scale: 3 }, '12.250'],
      [0.1, {}, '0.1'],
      [1e-7, {}, '0.0000001'],
      [42n, { scale: 1 }, '42.0'],
      ['99.99', { precision: 4, scale: 2 }, '99.99'],
      ['123456789012345678901234567890.123456789', {}, '123456789012345678901234567890.123456789'],
    ])('%j with %j → %j', (input, extra, expected) => {
      expect(coerceValue(input, field('decimal', extra))).toEqual(ok(expected));
    });

    it.each<[unknown, Partial<FieldSpec>, string]>([
      ['12.345', { precision: 10, scale: 2 }, '"12.345" has 3 decimal places, more than scale 2'],
      ['100.00', { precision: 4, scale: 2 }, '"100.00" needs 5 digits, more than precision 4'],
      ['123456', { precision: 5 }, 'more than precision 5'],
      ['1,5', {}, 'is not a decimal'],
      ['abc', {}, 'is not a decimal'],
      ['', {}, 'is not a decimal'],
      [Number.NaN, {}, 'is not a decimal'],
      [false, {}, 'is not a decimal'],
    ])('rejects %j with %j', (input, extra, message) => {
      expectFailure(input, field('decimal', extra), message);
    });
  });

  describe('boolean', () => {
    it.each<[unknown, boolean]>([
      ['true', true],
      ['TRUE', true],
      ['t', true],
      ['Yes', true],
      ['y', true],
      ['1', true],
      ['false', false],
      ['F', false],
      ['no', false],
      ['N', false],
      ['0', false],
      [true, true],
      [false, false],
      [1, true],
      [0, false],
    ])('%j → %s', (input, expected) => {
      expect(coerceValue(input, field('boolean'))).toEqual(ok(expected));
    });

    it.each<unknown>(['maybe', '2', 2, '', 'truee', {}, -1])('rejects %j', (input) => {
      expectFailure(input, field('boolean'), 'is not a boolean');
    });
  });

  describe('timestamp', () => {
    it.each<[unknown, string]>([
      ['2026-11-26T10:00:00Z', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26T10:00:00.123Z', '2026-11-26T10:00:00.123Z'],
      ['2026-11-26T10:00:00.123456789Z', '2026-11-26T10:00:00.123Z'],
      ['2026-11-26T12:00:00+02:00', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26T05:30:00-04:30', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26T12:00:00+0200', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26 12:00:00+02', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26T10:00:00', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26 10:00', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26 10:00:05', '2026-11-26T10:00:05.000Z'],
      ['2026-11-26 10:00:05.5', '2026-11-26T10:00:05.500Z'],
      ['2026-11-26', '2026-11-26T00:00:00.000Z'],
      ['2026-11-26T10:00Z', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26t10:00:00z', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26 12:00:00 +02:00', '2026-11-26T10:00:00.000Z'],
      ['2026-11-26T10:00:00,25Z', '2026-11-26T10:00:00.250Z'],
      ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['0099-06-01', '0099-06-01T00:00:00.000Z'],
      [1795687200, '2026-11-26T10:00:00.000Z'],
      [1795687200000, '2026-11-26T10:00:00.000Z'],
      ['1795687200', '2026-11-26T10:00:00.000Z'],
      ['1795687200123', '2026-11-26T10:00:00.123Z'],
      [1795687200.5, '2026-11-26T10:00:00.500Z'],
      [0, '1970-01-01T00:00:00.000Z'],
      [new Date('2026-11-26T10:00:00Z'), '2026-11-26T10:00:00.000Z'],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('timestamp'))).toEqual(ok(expected));
    });

    it.each<unknown>([
      '2026-02-30',
      '2026-02-29T00:00:00Z',
      '2100-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-11-26T24:00:00Z',
      '2026-11-26T10:60:00Z',
      '2026-11-26T10:00:60Z',
      '2026-11-26T10:00:00+25:00',
      '26/11/2026',
      'yesterday',
      '2026-11-26T',
      '2026-11-26Z',
      '2026-11-26T10:00:00+02:',
      '2026-11-26T10:00:00+2',
      '2026-11-26T10:00:00.1234567890Z',
      '2026-11-26T10:00:00.Z',
      '2026-11-26T10:00:00ZZ',
      '2026-11-26T10:00.5Z',
      '2026-11-26T1:00:00Z',
      '',
      1e20,
      Number.NaN,
      true,
      {},
      new Date('garbage'),
    ])('rejects %j', (input) => {
      expectFailure(input, field('timestamp'), 'is not a valid timestamp');
    });
  });

  describe('date', () => {
    it.each<[unknown, string]>([
      ['2026-11-26', '2026-11-26'],
      ['2024-02-29', '2024-02-29'],
      ['2026-11-26T23:30:00-02:00', '2026-11-27'],
      ['2026-11-26 10:00', '2026-11-26'],
      [1795687200, '2026-11-26'],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('date'))).toEqual(ok(expected));
    });

    it.each<unknown>(['2026-02-30', '2026-11-31', 'not a date', '11/26/2026'])('rejects %j', (input) => {
      expectFailure(input, field('date'), 'is not a valid date');
    });
  });

  describe('json', () => {
    it.each<[unknown, unknown]>([
      ['{"a":1}', { a: 1 }],
      ['  [1,2]', [1, 2]],
      ['{not json', '{not json'],
      ['plain text', 'plain text'],
      ['42', '42'],
      [42, 42],
      [{ a: 1 }, { a: 1 }],
      [false, false],
    ])('%j → %j', (input, expected) => {
      expect(coerceValue(input, field('json'))).toEqual(ok(expected));
    });
  });

  it('names long offending values truncated to 100 characters', () => {
    const long = 'x'.repeat(500);
    const result = coerceValue(long, field('integer'));
    expect(result).toEqual({ ok: false, message: `"${'x'.repeat(100)}…" is not an integer` });
  });
});

describe('decimal fast path', () => {
  // Scaled decimals take a fast path; unscaled ones the general one. Both must agree.
  it('agrees with the general path on generated decimal text', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const digits = (n: number) => Array.from({ length: n }, () => String(next(10))).join('');
    for (let i = 0; i < 2000; i++) {
      const sign = ['', '+', '-'][next(3)];
      const whole = '0'.repeat(next(3)) + digits(next(6));
      const fraction = next(4) === 0 ? '' : `.${digits(next(5))}`;
      const text = `${sign}${whole}${fraction}`;
      const general = coerceValue(text, field('decimal'));
      const scaled = coerceValue(text, field('decimal', { scale: 4, precision: 12 }));
      if (!general.ok) {
        expect(scaled.ok).toBe(false);
        continue;
      }
      const [w, f = ''] = String(general.value).split('.');
      expect(scaled).toEqual(ok(`${w}.${f.padEnd(4, '0')}`));
    }
  });
});
