import { decodeS3Key, parseQueueBody } from './queue-body.js';

// Bodies as they arrive: the EventBridge envelope as moto 5.2 writes it (eTag, constant id, "null" version),
// the AWS shape (etag, version id), a classic S3 notification (URL-encoded key) and the test event.
const motoEventBridge = {
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  time: '2026-11-26T22:09:11Z',
  resources: ['arn:aws:s3:::raw-bucket'],
  detail: {
    version: '0',
    bucket: { name: 'raw-bucket' },
    object: {
      key: 'raw/orders/a b+c.csv',
      size: 8,
      eTag: '344fd2323dd33d5c058b7cf27de029e8',
      'version-id': 'null',
      sequencer: '617f08299329d189',
    },
    reason: 'ObjectCreated',
  },
};
const awsEventBridge = {
  ...motoEventBridge,
  detail: {
    bucket: { name: 'raw-bucket' },
    object: { key: 'raw/orders/x.csv', size: 10, etag: 'abc', 'version-id': 'v3' },
    reason: 'PutObject',
  },
};
const s3Notification = {
  Records: [
    {
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      eventTime: '2026-11-26T22:00:00.000Z',
      s3: { bucket: { name: 'raw-bucket' }, object: { key: 'raw%2Forders%2Fin+a%2Bb%C3%A9.csv', size: 3, eTag: '"e1"', versionId: 'v9' } },
    },
    { eventSource: 'aws:s3', eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: 'raw-bucket' }, object: { key: 'raw%2Fx' } } },
  ],
};

describe('parseQueueBody', () => {
  it.each([
    [
      'moto EventBridge envelope (eTag, version "null")',
      motoEventBridge,
      {
        bucket: 'raw-bucket',
        key: 'raw/orders/a b+c.csv',
        etag: '344fd2323dd33d5c058b7cf27de029e8',
        size: 8,
        eventTime: '2026-11-26T22:09:11Z',
      },
    ],
    [
      'AWS EventBridge envelope (etag, version id)',
      awsEventBridge,
      { bucket: 'raw-bucket', key: 'raw/orders/x.csv', etag: 'abc', versionId: 'v3', size: 10, eventTime: '2026-11-26T22:09:11Z' },
    ],
  ])('reads a %s', (_label, body, object) => {
    expect(parseQueueBody(JSON.stringify(body))).toEqual([{ kind: 'object', object }]);
  });

  it('reads every record of an S3 notification, decoding the key and ignoring non-creations', () => {
    expect(parseQueueBody(JSON.stringify(s3Notification))).toEqual([
      {
        kind: 'object',
        object: {
          bucket: 'raw-bucket',
          key: 'raw/orders/in a+bé.csv',
          etag: 'e1',
          versionId: 'v9',
          size: 3,
          eventTime: '2026-11-26T22:00:00.000Z',
        },
      },
      { kind: 'ignore', reason: 'S3 ObjectRemoved:Delete' },
    ]);
  });

  it('ignores the s3:TestEvent and EventBridge events that are not creations', () => {
    expect(parseQueueBody('{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"raw-bucket"}')).toEqual([
      { kind: 'ignore', reason: 's3:TestEvent' },
    ]);
    expect(parseQueueBody(JSON.stringify({ ...motoEventBridge, 'detail-type': 'Object Deleted' }))).toEqual([
      { kind: 'ignore', reason: 'EventBridge Object Deleted' },
    ]);
  });

  it('reads work messages sent by RegisterIngestion and replays', () => {
    expect(parseQueueBody('{"kind":"process-ingestion","v":1,"ingestionId":"5d1c0000-aaaa-8bbb-8ccc-000000000001"}')).toEqual([
      { kind: 'process', ingestionId: '5d1c0000-aaaa-8bbb-8ccc-000000000001' },
    ]);
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON that is no object', '[1,2]'],
    ['an unknown object', '{"foo":1}'],
    ['an envelope without a key', JSON.stringify({ ...motoEventBridge, detail: { bucket: { name: 'b' }, object: {} } })],
    [
      'a record with a broken escape',
      JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'raw%2' } } }] }),
    ],
  ])('calls %s unreadable', (_label, body) => {
    expect(parseQueueBody(body)).toEqual([{ kind: 'unreadable', reason: expect.any(String) }]);
  });
});

describe('decodeS3Key', () => {
  it.each([
    ['in%2Fa+b.csv', 'in/a b.csv'],
    ['raw%2Forders%2F%25literal%2B.csv', 'raw/orders/%literal+.csv'],
    ['plain', 'plain'],
    ['bad%zz', null],
  ])('%s → %s', (encoded, decoded) => expect(decodeS3Key(encoded)).toBe(decoded));
});
