import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';
import { awsErrorName, toPortError } from '../aws/aws-errors.js';

/** One partition holds the whole history: a report a day is a few hundred small items a year. */
const PARTITION = 'report';
const sortKey = (date: string, version: number): string => `${date}#${String(version).padStart(6, '0')}`;

/**
 * The report history read model in DynamoDB (REPORT_HISTORY_TABLE): hash key `pk` (S, always
 * "report"), range key `sk` (S, `<YYYY-MM-DD>#<version, 6 digits>`), so a day's versions and a
 * range of days are each one ordered Query. Lists and the summary are stored as JSON text.
 */
export class DynamoDbReportHistory extends ReportHistory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    super();
  }

  async recordGenerated(entry: ReportHistoryEntry): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.table, Item: toItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (awsErrorName(error) !== 'ConditionalCheckFailedException')
        throw toPortError(error, `record report ${entry.date} v${entry.version}`);
    }
  }

  async recordDelivery(date: string, version: number, delivery: Parameters<ReportHistory['recordDelivery']>[2]): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: PARTITION, sk: sortKey(date, version) },
          UpdateExpression: 'SET deliveredTo = :to, failedDeliveries = :failed, deliveredAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':to': JSON.stringify(delivery.deliveredTo),
            ':failed': JSON.stringify(delivery.failedDeliveries),
            ':at': delivery.deliveredAt,
          },
        }),
      );
    } catch (error) {
      // Like an UPDATE that matches no row: delivery of a version that was never recorded changes nothing.
      if (awsErrorName(error) !== 'ConditionalCheckFailedException')
        throw toPortError(error, `record delivery of report ${date} v${version}`);
    }
  }

  async get(date: string, version?: number): Promise<ReportHistoryEntry | null> {
    if (version !== undefined) {
      const { Item } = await this.client
        .send(new GetCommand({ TableName: this.table, Key: { pk: PARTITION, sk: sortKey(date, version) }, ConsistentRead: true }))
        .catch((error: unknown) => {
          throw toPortError(error, `read report ${date} v${version}`);
        });
      return Item ? toEntry(Item) : null;
    }
    const [newest] = await this.query(dayRange(date, date), 1);
    return newest ?? null;
  }

  versions(date: string): Promise<ReportHistoryEntry[]> {
    return this.query(dayRange(date, date), Infinity);
  }

  async list(from: string, to: string, limit: number): Promise<ReportHistoryEntry[]> {
    const newestPerDay: ReportHistoryEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.page(dayRange(from, to), start);
      for (const entry of page.entries) {
        if (newestPerDay.at(-1)?.date !== entry.date) newestPerDay.push(entry);
        if (newestPerDay.length >= limit) return newestPerDay;
      }
      start = page.next;
    } while (start);
    return newestPerDay;
  }

  private async query(range: Omit<QueryCommandInput, 'TableName'>, max: number): Promise<ReportHistoryEntry[]> {
    const entries: ReportHistoryEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.page(range, start, Number.isFinite(max) ? max - entries.length : undefined);
      entries.push(...page.entries);
      start = page.next;
    } while (start && entries.length < max);
    return entries;
  }

  private async page(range: Omit<QueryCommandInput, 'TableName'>, start?: Record<string, unknown>, limit?: number) {
    const result = await this.client
      .send(
        new QueryCommand({
          ...range,
          TableName: this.table,
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: start,
          Limit: limit,
        }),
      )
      .catch((error: unknown) => {
        throw toPortError(error, `query ${this.table}`);
      });
    return { entries: (result.Items ?? []).map(toEntry), next: result.LastEvaluatedKey };
  }
}

/** Sort keys of every version of the days from..to ('~' sorts after the '#<digits>' suffix). */
function dayRange(from: string, to: string): Omit<QueryCommandInput, 'TableName'> {
  return {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': PARTITION, ':from': `${from}#`, ':to': `${to}#~` },
  };
}

function toItem(e: ReportHistoryEntry): Record<string, unknown> {
  return {
    pk: PARTITION,
    sk: sortKey(e.date, e.version),
    date: e.date,
    version: e.version,
    generatedAt: e.generatedAt,
    artefactKeys: JSON.stringify(e.artefactKeys),
    summary: JSON.stringify(e.summary),
    deliveredTo: JSON.stringify(e.deliveredTo),
    failedDeliveries: JSON.stringify(e.failedDeliveries),
    deliveredAt: e.deliveredAt,
  };
}

function toEntry(item: Record<string, unknown>): ReportHistoryEntry {
  return {
    date: String(item.date),
    version: Number(item.version),
    generatedAt: String(item.generatedAt),
    artefactKeys: JSON.parse(String(item.artefactKeys)) as string[],
    summary: JSON.parse(String(item.summary)) as ReportHistoryEntry['summary'],
    deliveredTo: JSON.parse(String(item.deliveredTo)) as string[],
    failedDeliveries: JSON.parse(String(item.failedDeliveries)) as ReportHistoryEntry['failedDeliveries'],
    deliveredAt: typeof item.deliveredAt === 'string' ? item.deliveredAt : null,
  };
}
