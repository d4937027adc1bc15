import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isConcurrencyConflict, isPortError } from '@pipeline/domain/errors.js';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { ensureEventTable } from '@pipeline/adapters/aws/provisioning/provision-tables.js';
import { DynamoDbEventStore, type DynamoDbEventStoreOptions } from '@pipeline/adapters/dynamodb/dynamodb-event-store.js';
import { describeWithMoto, uniqueName } from '@pipeline/testing/moto/describe-with-moto.js';
import { describeEventStoreContract } from './suites/event-store.contract-suite.js';

describeWithMoto('DynamoDbEventStore on moto', (moto) => {
  let dynamo: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  beforeAll(() => {
    dynamo = new DynamoDBClient(awsClientConfig(moto.settings));
    documents = DynamoDBDocumentClient.from(dynamo);
  });
  afterAll(() => dynamo.destroy());

  const freshStore = async (options: DynamoDbEventStoreOptions = {}) => {
    const table = uniqueName('events');
    await ensureEventTable(dynamo, table);
    return { table, store: new DynamoDbEventStore(documents, table, options) };
  };

  describeEventStoreContract('DynamoDbEventStore (moto)', async () => (await freshStore()).store);
  // Tiny pages and position partitions: the same contract through Query paging and partition hops.
  describeEventStoreContract(
    'DynamoDbEventStore (moto, 2-item pages, 3-position partitions)',
    async () => (await freshStore({ pageSize: 2, positionPartitionSize: 3 })).store,
  );

  describe('DynamoDB specifics', () => {
    it('keeps the head at the last position, gap-free from 1', async () => {
      const { table, store } = await freshStore({ positionPartitionSize: 4 });
      expect(await store.latestPosition()).toBe(0);
      await store.append(
        's-1',
        [
          { type: 'A', data: 1 },
          { type: 'B', data: 2 },
        ],
        0,
      );
      await store.append('s-2', [{ type: 'C', data: 3 }], 0);
      await store.append(
        's-1',
        Array.from({ length: 7 }, (_, i) => ({ type: `D${i}`, data: i })),
        2,
      );
      const head = await documents.send(new GetCommand({ TableName: table, Key: { streamId: '$head', version: 0 } }));
      expect(head.Item).toMatchObject({ position: 10 });
      expect((await store.readAll(0, 100)).map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await store.readAll(5, 3)).map((e) => [e.streamId, e.version, e.type])).toEqual([
        ['s-1', 5, 'D2'],
        ['s-1', 6, 'D3'],
        ['s-1', 7, 'D4'],
      ]);
    });

    it('serialises appends to different streams without conflicts between them', async () => {
      const { store } = await freshStore();
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`p-${i}`, [{ type: 'E', data: i }], 0)));
      const all = await store.readAll(0, 100);
      expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set(all.map((e) => e.streamId)).size).toBe(8);
    });

    it('checks the version of an empty append', async () => {
      const { store } = await freshStore();
      await store.append('e-1', [{ type: 'A', data: null }], 0);
      expect(await store.append('e-1', [], 1)).toEqual({ version: 1 });
      expect(isConcurrencyConflict(await store.append('e-1', [], 0).catch((e: unknown) => e))).toBe(true);
    });

    it('refuses stream ids it reserves for its own items', async () => {
      const { store } = await freshStore();
      const error = await store.append('$head', [{ type: 'X', data: 1 }], 0).catch((e: unknown) => e);
      expect(isPortError(error) && error.code).toBe('INVALID_INPUT');
      await expect(store.readStream('$all#0')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('reports a missing table as unavailable, not as a driver error', async () => {
      const store = new DynamoDbEventStore(documents, uniqueName('missing'));
      await expect(store.readStream('x')).rejects.toMatchObject({ name: 'UnavailableError', code: 'UNAVAILABLE' });
    });
  });
});
