import { ingestionIdFor, type IngestionIdInput } from './ingestion-id.js';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ingestionIdFor', () => {
  const object: IngestionIdInput = { kind: 'object', key: 'raw/orders/a.csv', etag: '"abc"' };

  it.each<[string, IngestionIdInput]>([
    ['an object', object],
    ['a payload', { kind: 'payload', records: [{ a: 1 }], clientRequestId: 'r1' }],
    ['a stored payload', { kind: 'payload', key: 'raw/orders/api-1.json' }],
  ])('formats the id of %s as a UUID (version 8)', (_label, input) => {
    expect(ingestionIdFor(input)).toMatch(UUID_V8);
  });

  it.each<[string, IngestionIdInput, IngestionIdInput]>([
    ['quoted and unquoted ETags', object, { ...object, etag: 'abc' }],
    ['versionId "null" falls back to the ETag', object, { ...object, versionId: 'null' }],
    ['payload key order', { kind: 'payload', records: [{ a: 1, b: 2 }] }, { kind: 'payload', records: [{ b: 2, a: 1 }] }],
  ])('is the same for %s', (_label, a, b) => {
    expect(ingestionIdFor(a)).toBe(ingestionIdFor(b));
  });

  it.each<[string, IngestionIdInput, IngestionIdInput]>([
    ['another ETag', object, { ...object, etag: 'abd' }],
    ['another key', object, { ...object, key: 'raw/orders/b.csv' }],
    ['a bucket', object, { ...object, bucket: 'raw-bucket' }],
    ['another bucket', { ...object, bucket: 'a' }, { ...object, bucket: 'b' }],
    ['a versionId instead of the ETag', object, { ...object, versionId: 'v1' }],
    ['another versionId', { ...object, versionId: 'v1' }, { ...object, versionId: 'v2' }],
    ['other records', { kind: 'payload', records: [{ a: 1 }] }, { kind: 'payload', records: [{ a: 2 }] }],
    [
      'another client request id',
      { kind: 'payload', records: [{ a: 1 }], clientRequestId: 'r1' },
      { kind: 'payload', records: [{ a: 1 }], clientRequestId: 'r2' },
    ],
    ['an object and a stored payload with the same key', object, { kind: 'payload', key: 'raw/orders/a.csv' }],
  ])('differs for %s', (_label, a, b) => {
    expect(ingestionIdFor(a)).not.toBe(ingestionIdFor(b));
  });

  it('is stable across releases (ids are stream names)', () => {
    expect(ingestionIdFor({ kind: 'object', key: 'raw/orders/a.csv', etag: 'abc' })).toBe(
      ingestionIdFor({ kind: 'object', key: 'raw/orders/a.csv', etag: 'abc' }),
    );
    expect(ingestionIdFor({ kind: 'object', key: 'k', etag: 'e' })).toBe('dc239ec9-8ec9-87d2-aae8-4ee31c114f45');
  });
});
