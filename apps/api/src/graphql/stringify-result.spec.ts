import { JsonText } from '@pipeline/domain/records/json-text.js';
import { stringifyResult } from './stringify-result.js';

const TEXTS = [
  '',
  'a',
  'é',
  '"quoted"',
  'back\\slash',
  'line\nbreak',
  '\u0000\u001f',
  '\ud83d\ude00',
  '\ud800',
  '\u2028\u007f',
  'tab\there',
];
const NUMBERS = [0, -0, 1.5, -2e-7, 1e21, Number.MAX_SAFE_INTEGER, NaN, Infinity];

/** Deterministic pseudo-random values covering every rule JSON.stringify has (leaves first, containers only while shallow). */
class RandomValues {
  private n = 42;

  private next(): number {
    this.n = (this.n * 1103515245 + 12345) % 2 ** 31;
    return this.n / 2 ** 31;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  private readonly makers: readonly ((depth: number) => unknown)[] = [
    () => this.pick(TEXTS),
    () => this.pick(NUMBERS),
    () => this.next() < 0.5,
    () => null,
    () => undefined,
    () => new Date(Math.floor(this.next() * 2e12)),
    () => () => 1,
    (depth) => Array.from({ length: Math.floor(this.next() * 4) }, () => this.value(depth + 1)),
    (depth) => this.object(depth),
    () => {
      const converted = this.pick(TEXTS);
      return { toJSON: () => ({ converted }) };
    },
    (depth) => ({ 2: 'two', b: 'b', 1: 'one', nested: { deep: [this.value(depth + 1)] } }),
  ];

  value(depth = 0): unknown {
    const maker = this.makers[Math.floor(this.next() * (depth > 3 ? 7 : this.makers.length))];
    return maker(depth);
  }

  private object(depth: number): Record<string, unknown> {
    const object: Record<string, unknown> = Object.create(this.next() < 0.3 ? null : Object.prototype);
    for (let i = Math.floor(this.next() * 4); i > 0; i--) object[`${this.pick(TEXTS)}${i}`] = this.value(depth + 1);
    return object;
  }
}

describe('stringifyResult (Apollo stringifyResult with JsonText copied)', () => {
  it('writes exactly what JSON.stringify writes (plus Apollo newline) when no JsonText is present', () => {
    const random = new RandomValues();
    for (let i = 0; i < 2000; i++) {
      const value = { data: random.value(), errors: i % 3 === 0 ? [{ message: 'm', path: ['a', 0] }] : undefined };
      expect(stringifyResult(value)).toBe(`${JSON.stringify(value)}\n`);
    }
  });

  it('copies JsonText as it came, wherever it sits, to the same JSON value JSON.stringify gives', () => {
    const text = '{"status": "pending", "unit_price": 12.50, "tags": ["a", "b"], "nested": {"x": null}}';
    const result = {
      data: { page: { edges: [{ node: { data: new JsonText(text), n: 1 } }, { node: { data: new JsonText('[1, 2]') } }] } },
    };
    const written = stringifyResult(result);
    expect(written).toContain(`"data":${text},"n":1`);
    expect(written).toContain('"data":[1, 2]');
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('throws on a bigint like JSON.stringify', () => {
    expect(() => stringifyResult({ data: { n: BigInt(1) } })).toThrow(TypeError);
  });
});
