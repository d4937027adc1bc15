import { isPortError } from '@pipeline/domain/errors.js';
import { decodeRecordCursor, encodeRecordCursor, type RecordPosition } from './record-cursor.js';

/** The encoding cursors have always had: clients may hold cursors from before the faster path. */
const reference = (p: RecordPosition): string =>
  Buffer.from(JSON.stringify([p.ingestedAt, p.ingestionId, p.rowNumber])).toString('base64url');

describe('record cursors', () => {
  const positions: RecordPosition[] = [
    { ingestedAt: '2026-11-01T00:00:00.000000Z', ingestionId: 'bench-000000', rowNumber: 1 },
    { ingestedAt: '2026-11-01T23:59:59.999999Z', ingestionId: '0195f1c2-7d4e-7a3b-9c1d-2e3f4a5b6c7d', rowNumber: 2_147_483_647 },
    // ids with characters JSON escapes or that are not ASCII take the general path
    { ingestedAt: '2026-11-01T00:00:00.000001Z', ingestionId: 'quote"back\\slash', rowNumber: 7 },
    { ingestedAt: '2026-11-01T00:00:00.000001Z', ingestionId: 'café-ü-😀', rowNumber: 0 },
    { ingestedAt: '2026-11-01T00:00:00.000001Z', ingestionId: 'sp ace/plus+', rowNumber: 12 },
  ];

  it.each(positions)('encodes %j as it always has and decodes it back', (position) => {
    const cursor = encodeRecordCursor(position);
    expect(cursor).toBe(reference(position));
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRecordCursor(cursor)).toEqual(position);
  });

  it('matches the reference encoding for many ids and row numbers (padding and +/ in every position)', () => {
    for (let i = 0; i < 3000; i++) {
      const position = {
        ingestedAt: `2026-11-01T00:00:00.${String(i).padStart(6, '0')}Z`,
        ingestionId: `ing-${i.toString(36)}`,
        rowNumber: i * 7919,
      };
      expect(encodeRecordCursor(position)).toBe(reference(position));
    }
  });

  it('matches the reference encoding for the rows of a page: runs sharing their ingestion and time, and changes between them', () => {
    const ids = ['bench-000000', 'ab', 'abc', 'abcd', 'quote"d']; // every start length modulo 3, and one that needs escaping
    for (let i = 0; i < 3000; i++) {
      const id = ids[Math.floor(i / 50) % ids.length];
      const position = { ingestedAt: `2026-11-01T00:00:0${Math.floor(i / 700)}.000000Z`, ingestionId: id, rowNumber: (i * 37) % 100_003 };
      expect(encodeRecordCursor(position)).toBe(reference(position));
    }
    for (let i = 0; i < 200; i++) {
      const position = { ingestedAt: '2026-11-01T00:00:00.000000Z', ingestionId: ids[i % 2], rowNumber: i };
      expect(encodeRecordCursor(position)).toBe(reference(position));
    }
  });

  it('refuses cursors that were not made here', () => {
    for (const bad of ['', 'garbage', Buffer.from('["x","y",1]').toString('base64url'), Buffer.from('[1,2,3]').toString('base64url')]) {
      let error: unknown;
      try {
        decodeRecordCursor(bad);
      } catch (thrown) {
        error = thrown;
      }
      expect(isPortError(error) && error.code).toBe('INVALID_INPUT');
    }
  });
});
