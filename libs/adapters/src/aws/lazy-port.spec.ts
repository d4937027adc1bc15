import { lazyPort } from './lazy-port.js';

abstract class Shelf {
  abstract take(name: string): Promise<string>;
  abstract names(prefix: string): AsyncIterable<string>;
}

class RealShelf extends Shelf {
  constructor(private readonly items: readonly string[]) {
    super();
  }
  async take(name: string): Promise<string> {
    if (!this.items.includes(name)) throw new Error(`no ${name}`);
    return name.toUpperCase();
  }
  async *names(prefix: string): AsyncIterable<string> {
    for (const item of this.items) if (item.startsWith(prefix)) yield item;
  }
}

const SHAPE = { take: 'async', names: 'iterable' } as const;

describe('lazyPort', () => {
  it('builds nothing until the first call, then builds the adapter once for all calls, concurrent ones included', async () => {
    let loads = 0;
    const shelf = lazyPort<Shelf>(async () => {
      loads++;
      return new RealShelf(['apple', 'apricot', 'pear']);
    }, SHAPE);
    expect(loads).toBe(0);
    await expect(Promise.all([shelf.take('apple'), shelf.take('pear')])).resolves.toEqual(['APPLE', 'PEAR']);
    const listed: string[] = [];
    for await (const name of shelf.names('ap')) listed.push(name);
    expect(listed).toEqual(['apple', 'apricot']);
    expect(loads).toBe(1);
  });

  it("passes the adapter's own errors through unchanged", async () => {
    const shelf = lazyPort<Shelf>(async () => new RealShelf([]), SHAPE);
    await expect(shelf.take('plum')).rejects.toThrow('no plum');
  });

  it('retries a failed load on the next call instead of failing forever', async () => {
    let attempts = 0;
    const shelf = lazyPort<Shelf>(async () => {
      if (++attempts === 1) throw new Error('SDK failed to load');
      return new RealShelf(['fig']);
    }, SHAPE);
    await expect(shelf.take('fig')).rejects.toThrow('SDK failed to load');
    await expect(shelf.take('fig')).resolves.toBe('FIG');
    expect(attempts).toBe(2);
  });

  it('answers nothing Nest or await probe for (then, lifecycle hooks), so it is not mistaken for a promise', async () => {
    const shelf = lazyPort<Shelf>(async () => new RealShelf([]), SHAPE) as unknown as Record<string, unknown>;
    expect(shelf.then).toBeUndefined();
    expect(shelf.onModuleInit).toBeUndefined();
    expect(shelf.onApplicationShutdown).toBeUndefined();
    await expect(Promise.resolve(shelf)).resolves.toBe(shelf);
  });
});
