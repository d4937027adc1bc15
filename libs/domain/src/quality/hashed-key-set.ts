/**
 * "Seen before?" for up to millions of keys in one ingestion, in 8–16 bytes per key.
 *
 * Stores a 53-bit hash (cyrb53) of each key in an open-addressing table backed by a
 * Float64Array (53-bit integers are exact doubles), instead of a Set of the key strings,
 * which costs 50–100 bytes per key plus the strings themselves.
 *
 * Trade-off: two different keys with the same hash look like a duplicate. The chance that
 * any pair among n keys collides is about n² / 2^54: ~6e-5 for 1M keys, ~6e-3 for 10M.
 * A collision makes IsUnique flag one record wrongly, or de-duplication drop one record.
 */
export class HashedKeySet {
  private table: Float64Array;
  private mask: number;
  private used = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.table = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Adds the key; false when it (or a key with the same hash) was already there. */
  add(key: string): boolean {
    return this.addHash(cyrb53(key));
  }

  has(key: string): boolean {
    const hash = cyrb53(key) || 1;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.table[i];
      if (slot === 0) return false;
      if (slot === hash) return true;
    }
  }

  private addHash(rawHash: number): boolean {
    // 0 marks an empty slot, so hash 0 shares a slot value with hash 1.
    const hash = rawHash || 1;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.table[i];
      if (slot === hash) return false;
      if (slot === 0) {
        this.table[i] = hash;
        if (++this.used * 2 > this.table.length) this.grow();
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (let i = 0; i < old.length; i++) {
      const hash = old[i];
      if (hash === 0) continue;
      let j = hash & this.mask;
      while (this.table[j] !== 0) j = (j + 1) & this.mask;
      this.table[j] = hash;
    }
  }
}

/** cyrb53 by bryc (public domain): a fast 53-bit string hash with good dispersion. */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
