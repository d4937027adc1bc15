import { cyrb53, HashedKeySet } from './hashed-key-set.js';

describe('HashedKeySet', () => {
  it('tells new keys from seen ones', () => {
    const set = new HashedKeySet(4);
    expect(set.add('["a",1]')).toBe(true);
    expect(set.add('["a",2]')).toBe(true);
    expect(set.add('["a",1]')).toBe(false);
    expect(set.has('["a",2]')).toBe(true);
    expect(set.has('["b",2]')).toBe(false);
    expect(set.size).toBe(2);
  });

  it('keeps every key through many resizes', () => {
    const set = new HashedKeySet(1);
    const n = 50_000;
    let added = 0;
    let repeated = 0;
    for (let i = 0; i < n; i++) if (set.add(`key-${i}`)) added++;
    for (let i = 0; i < n; i++) if (!set.add(`key-${i}`)) repeated++;
    expect([added, repeated]).toEqual([n, n]);
    expect(set.size).toBe(n);
    expect(set.has('key-50000')).toBe(false);
  });

  it('hashes into 53 bits, deterministically', () => {
    const samples = ['', 'a', '["x",1]', 'é'.repeat(1000)];
    for (const s of samples) {
      const h = cyrb53(s);
      expect(Number.isSafeInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(cyrb53(s)).toBe(h);
    }
    expect(cyrb53('a')).not.toBe(cyrb53('b'));
  });
});
