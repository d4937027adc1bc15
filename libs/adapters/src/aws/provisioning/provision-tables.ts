import { CreateTableCommand, DescribeTableCommand, UpdateContinuousBackupsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The event table: hash key `streamId` (S), range key `version` (N) — the DynamoDbEventStore keeps
 * events, their global-order entries and the head in it (see event-items.ts).
 */
export const ensureEventTable = (dynamo: DynamoDBClient, name: string) => ensureTable(dynamo, name, { hash: 'streamId', range: 'version' });

/** Report history: hash key `pk` (S), range key `sk` (S) — see DynamoDbReportHistory. */
export const ensureReportHistoryTable = (dynamo: DynamoDBClient, name: string) =>
  ensureTable(dynamo, name, { hash: 'pk', range: 'sk', rangeType: 'S' });

/** On-demand, as Terraform makes it; an existing table is left as it is. Resolves once the table is ACTIVE. */
async function ensureTable(
  dynamo: DynamoDBClient,
  name: string,
  key: { hash: string; range: string; rangeType?: 'S' | 'N' },
): Promise<string> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: key.hash, AttributeType: 'S' },
          { AttributeName: key.range, AttributeType: key.rangeType ?? 'N' },
        ],
        KeySchema: [
          { AttributeName: key.hash, KeyType: 'HASH' },
          { AttributeName: key.range, KeyType: 'RANGE' },
        ],
        SSESpecification: { Enabled: true },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
  const arn = await waitUntilActive(dynamo, name);
  // Point-in-time recovery as in Terraform; an emulator without it is no reason to fail.
  await dynamo
    .send(new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }))
    .catch(() => undefined);
  return arn;
}

async function waitUntilActive(dynamo: DynamoDBClient, name: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return Table.TableArn ?? name;
    if (Date.now() > deadline) throw new Error(`table ${name} is still ${Table?.TableStatus} after 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
