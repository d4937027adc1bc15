import { randomUUID } from 'node:crypto';
import { isConcurrencyConflict } from '@pipeline/domain/errors.js';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { EventStore, NewEvent } from '@pipeline/domain/ports/event-store.js';

/** Data that has broken JSON round-trips before: escapes, quotes inside strings, astral characters, nesting. */
export const TRICKY_EVENT_DATA = {
  unicode: 'héllo wörld — 世界 🚀 ﷺ',
  quote: 'say "hi"',
  escapedQuote: 'a\\"b',
  backslashes: 'C:\\path\\to\\n\\t',
  newlines: 'line 1\nline 2\r\nline 3',
  tab: 'a\tb',
  control: '\u0001\u001f',
  copyMarkers: '\\.\n\\N',
  empty: '',
  nested: { list: [1, 2.5, -3e10, null, true, false, { deep: [[], {}, ['x']] }], empty: {} },
  numbers: { big: 9007199254740991, negative: -0.125, zero: 0 },
  nothing: null,
};

const event = (type: string, data: unknown = { n: type }): NewEvent => ({ type, data });

/** Every EventStore adapter must pass this. `makeAdapter` runs once, in beforeAll. */
export function describeEventStoreContract(name: string, makeAdapter: () => Promise<EventStore>): void {
  describe(`${name} — EventStore contract`, () => {
    let store: EventStore;
    const newStream = () => `contract-${randomUUID()}`;

    beforeAll(async () => {
      store = await makeAdapter();
    }, 60_000);

    it('appends to a new stream at version 0 and reads the events back in order', async () => {
      const stream = newStream();
      expect(await store.append(stream, [event('A'), event('B'), event('C')], 0)).toEqual({ version: 3 });
      expect(await store.append(stream, [event('D')], 3)).toEqual({ version: 4 });

      const read = await store.readStream(stream);
      expect(read.map((e) => [e.streamId, e.version, e.type, e.data])).toEqual([
        [stream, 1, 'A', { n: 'A' }],
        [stream, 2, 'B', { n: 'B' }],
        [stream, 3, 'C', { n: 'C' }],
        [stream, 4, 'D', { n: 'D' }],
      ]);
      expectStrictlyIncreasing(read.map((e) => e.position));
      for (const e of read) expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(newStream())).toEqual([]);
    });

    it('rejects a wrong expected version with ConcurrencyConflictError and writes nothing', async () => {
      const stream = newStream();
      await store.append(stream, [event('A'), event('B')], 0);
      for (const wrong of [0, 1, 3, 7]) {
        const error = await store.append(stream, [event('X'), event('Y')], wrong).catch((e: unknown) => e);
        expect(isConcurrencyConflict(error)).toBe(true);
        if (!isConcurrencyConflict(error)) continue;
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: stream, expectedVersion: wrong });
      }
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('lets exactly one of several concurrent appends at the same version win', async () => {
      const stream = newStream();
      await store.append(stream, [event('Start')], 0);
      const racers = ['R1', 'R2', 'R3', 'R4', 'R5'];
      const outcomes = await Promise.allSettled(racers.map((r) => store.append(stream, [event(r), event(`${r}-2`)], 1)));

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(racers.length - 1);
      for (const o of lost) expect(isConcurrencyConflict(o.reason)).toBe(true);

      const read = await store.readStream(stream);
      expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
      const winner = read[1].type;
      expect(read[2].type).toBe(`${winner}-2`);
    });

    it('reads all events after a position, strictly increasing and complete, in any page size', async () => {
      const marker = newStream();
      await store.append(marker, [event('Marker')], 0);
      const [{ position: start }] = await store.readStream(marker);

      const streams = Array.from({ length: 6 }, newStream);
      await Promise.all(streams.map((s) => store.append(s, [event('One'), event('Two')], 0)));
      await Promise.all(streams.map((s) => store.append(s, [event('Three')], 2)));

      const all = await store.readAll(start, 1_000);
      const ours = all.filter((e) => streams.includes(e.streamId));
      expect(ours).toHaveLength(streams.length * 3);
      expectStrictlyIncreasing(all.map((e) => e.position));
      for (const s of streams) {
        expect(ours.filter((e) => e.streamId === s).map((e) => [e.version, e.type])).toEqual([
          [1, 'One'],
          [2, 'Two'],
          [3, 'Three'],
        ]);
      }
      expect(await readAllInPages(store, start, 4)).toEqual(all);
    });

    it('returns nothing after the last position', async () => {
      const stream = newStream();
      await store.append(stream, [event('Last')], 0);
      const [last] = await store.readStream(stream);
      const after = await store.readAll(last.position, 10);
      expect(after.filter((e) => e.position <= last.position)).toEqual([]);
    });

    it('round-trips unicode, quotes, backslashes and nested JSON exactly', async () => {
      const stream = newStream();
      await store.append(
        stream,
        [event('Tricky', TRICKY_EVENT_DATA), event('Scalar', 'just "a" string'), event('List', [1, 'two', null])],
        0,
      );
      const read = await store.readStream(stream);
      expect(read.map((e) => e.data)).toEqual([TRICKY_EVENT_DATA, 'just "a" string', [1, 'two', null]]);
      const fromAll = await store.readAll(read[0].position - 1, 3);
      expect(fromAll.map((e) => e.data)).toEqual(read.map((e) => e.data));
    });
  });
}

async function readAllInPages(store: EventStore, after: number, pageSize: number): Promise<StoredEvent[]> {
  const collected: StoredEvent[] = [];
  for (let position = after; ;) {
    const page = await store.readAll(position, pageSize);
    collected.push(...page);
    if (page.length < pageSize) return collected;
    position = page[page.length - 1].position;
  }
}

function expectStrictlyIncreasing(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
}
