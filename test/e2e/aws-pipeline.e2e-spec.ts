import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { DynamoDbEventStore } from '@pipeline/adapters/dynamodb/dynamodb-event-store.js';
import { readParquet } from '@pipeline/testing/duckdb/read-parquet.js';
import { repoRoot, runCli } from '@pipeline/testing/cli/run-cli.js';
import { awsCli, parseExports } from '@pipeline/testing/moto/aws-cli.js';
import { invokeHandler } from '@pipeline/testing/moto/invoke-handler.js';
import { describeWithMoto, uniqueName } from '@pipeline/testing/moto/describe-with-moto.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';

const fixtures = join(repoRoot, 'test/fixtures/inputs');
const MINUTES = 60_000;

interface IngestionRow {
  ingestion_id: string;
  source_key: string;
  status: string;
  attempts: number;
  valid: number | null;
  warned: number | null;
  quarantined: number | null;
}

// Needs dist/ (npm run build): the CLI and the handlers run compiled, as a user runs them.
describeWithRealPostgres('aws mode on one machine (moto + PostgreSQL)', (pg) => {
  describeWithMoto('pipeline aws provision → aws s3 cp → pipeline aws poll', (moto) => {
    let env: Record<string, string>;
    let events: DynamoDbEventStore;
    let sqs: SQSClient;
    const ingestions = async (where = 'true'): Promise<IngestionRow[]> =>
      pg.database.query(
        `SELECT ingestion_id, source_key, status, attempts, valid, warned, quarantined FROM ingestions WHERE ${where} ORDER BY source_key, received_at`,
      );
    const cli = async (...args: string[]) => {
      const result = await runCli(args, env, 5 * MINUTES);
      if (result.code !== 0) throw new Error(`pipeline ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
      return result;
    };
    const upload = (file: string, key: string) => awsCli(['s3', 'cp', file, `s3://${env.RAW_BUCKET}/${key}`], env);
    const poll = () => cli('aws', 'poll', '--until-idle');

    beforeAll(async () => {
      // DATABASE_URL only for provisioning: it becomes the DB secret, and the handlers read the secret.
      const provisioned = await runCli(['aws', 'provision', '--prefix', uniqueName('e2e')], { ...moto.env, DATABASE_URL: pg.url });
      expect(provisioned.code).toBe(0);
      env = { ...moto.env, ...parseExports(provisioned.stdout), DATABASE_URL: '', VISIBILITY_TIMEOUT_SECONDS: '30' };
      const documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(moto.settings)));
      events = new DynamoDbEventStore(documents, env.EVENT_TABLE);
      sqs = new SQSClient(awsClientConfig(moto.settings));
      await cli('datasets', 'define', join(repoRoot, 'datasets/orders.yaml'));
    }, 2 * MINUTES);
    afterAll(() => sqs?.destroy());

    it(
      'prints every variable the handlers read, and provisioning again changes nothing',
      async () => {
        expect(Object.keys(env)).toEqual(
          expect.arrayContaining([
            'PIPELINE_MODE',
            'RAW_BUCKET',
            'PROCESSED_BUCKET',
            'REPORTS_BUCKET',
            'EVENT_TABLE',
            'REPORT_HISTORY_TABLE',
            'ALERTS_TOPIC_ARN',
            'REPORTS_TOPIC_ARN',
            'DB_SECRET_ARN',
            'PROCESSING_QUEUE_URL',
            'DLQ_URL',
          ]),
        );
        const prefix = env.RAW_BUCKET.replace(/-raw$/, '');
        const again = await runCli(['aws', 'provision', '--prefix', prefix], { ...moto.env, DATABASE_URL: pg.url });
        expect(again.code).toBe(0);
        expect(parseExports(again.stdout)).toEqual(
          parseExports(
            Object.entries(env)
              .filter(([k]) => !['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'DATABASE_URL', 'VISIBILITY_TIMEOUT_SECONDS'].includes(k))
              .map(([k, v]) => `export ${k}='${v}'`)
              .join('\n'),
          ),
        );
      },
      2 * MINUTES,
    );

    it(
      'turns uploads into Parquet, rows, events and quarantine; an unreadable file is rejected once, never retried',
      async () => {
        await upload(join(repoRoot, 'samples/orders.csv'), 'raw/orders/orders.csv');
        await upload(join(fixtures, 'truncated.json'), 'raw/broken/truncated.json');
        await poll();

        const [orders] = await ingestions(`source_key = 'raw/orders/orders.csv'`);
        expect(orders).toMatchObject({ status: 'completed', attempts: 1 });
        expect(orders.quarantined).toBeGreaterThan(0);
        const stored = orders.valid! + orders.warned!;
        const [{ rows }] = await pg.database.query('SELECT count(*)::int AS rows FROM processed_data WHERE ingestion_id = $1', [
          orders.ingestion_id,
        ]);
        expect(rows).toBe(stored);

        const dir = await mkdtemp(join(tmpdir(), 'e2e-aws-'));
        try {
          await awsCli(['s3', 'cp', '--recursive', `s3://${env.PROCESSED_BUCKET}/`, dir], env);
          const parquet = await readParquet(join(dir, `processed/dataset=orders/ingest_date=*/${orders.ingestion_id}*.parquet`), {
            hivePartitioning: true,
            orderBy: '_row',
          });
          expect(parquet.rows).toHaveLength(stored);
          expect(new Set(parquet.rows.map((r) => r._ingestion_id))).toEqual(new Set([orders.ingestion_id]));
          const quarantine = await readFile(join(dir, `quarantine/dataset=orders/${orders.ingestion_id}.rejected.jsonl`), 'utf8');
          expect(quarantine.trimEnd().split('\n')).toHaveLength(orders.quarantined!);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }

        const stream = await events.readStream(`ingestion-${orders.ingestion_id}`);
        expect(stream.map((e) => e.type)).toEqual([
          'IngestionReceived',
          'IngestionStarted',
          'QualityChecked',
          'RecordsStored',
          'IngestionCompleted',
        ]);
        expect(stream[0].data).toMatchObject({
          dataset: 'orders',
          source: { kind: 'object', key: 'raw/orders/orders.csv', bucket: env.RAW_BUCKET },
        });

        const [broken] = await ingestions(`source_key = 'raw/broken/truncated.json'`);
        expect(broken).toMatchObject({ status: 'rejected', attempts: 1 });
        const brokenHistory = (await events.readStream(`ingestion-${broken.ingestion_id}`)).map((e) => e.type);
        expect(brokenHistory.filter((t) => t === 'IngestionStarted' || t === 'IngestionFailed')).toEqual(['IngestionStarted']);
        expect(brokenHistory.at(-1)).toBe('IngestionRejected');
        expect(await queueCounts()).toEqual({ queue: 0, dlq: 0 });
      },
      5 * MINUTES,
    );

    it(
      'stores each row once when the same event is delivered twice',
      async () => {
        await upload(join(fixtures, 'orders.ndjson'), 'raw/twice/orders.ndjson');
        const [original] = (
          await sqs.send(new ReceiveMessageCommand({ QueueUrl: env.PROCESSING_QUEUE_URL, MaxNumberOfMessages: 1, VisibilityTimeout: 0 }))
        ).Messages!;
        await sqs.send(new SendMessageCommand({ QueueUrl: env.PROCESSING_QUEUE_URL, MessageBody: original.Body }));
        await poll();
        const twice = await ingestions(`dataset = 'twice'`);
        expect(twice).toHaveLength(1);
        expect(twice[0]).toMatchObject({ status: 'completed', attempts: 1 });
        const [{ rows, distinct }] = await pg.database.query(
          'SELECT count(*)::int AS rows, count(DISTINCT row_number)::int AS distinct FROM processed_data WHERE ingestion_id = $1',
          [twice[0].ingestion_id],
        );
        expect(rows).toBe(distinct);
        expect(rows).toBe(twice[0].valid! + twice[0].warned!);
      },
      5 * MINUTES,
    );

    it(
      'dead-letters a message that keeps failing after 3 receives; replay by id and by redrive brings it back once the cause is fixed',
      async () => {
        // The cause: the objects are gone by the time their events are processed (deleted: a delete marker hides them).
        await upload(join(fixtures, 'orders.csv'), 'raw/lost/by-id.csv');
        await upload(join(fixtures, 'orders.tsv'), 'raw/lost/by-redrive.tsv');
        for (const key of ['raw/lost/by-id.csv', 'raw/lost/by-redrive.tsv'])
          await awsCli(['s3', 'rm', `s3://${env.RAW_BUCKET}/${key}`], env);
        await poll();

        const lost = await ingestions(`dataset = 'lost'`);
        expect(lost.map((i) => [i.source_key, i.status, i.attempts])).toEqual([
          ['raw/lost/by-id.csv', 'dead_lettered', 3],
          ['raw/lost/by-redrive.tsv', 'dead_lettered', 3],
        ]);
        expect(await queueCounts()).toEqual({ queue: 0, dlq: 2 });

        // The fix: remove the delete markers, which restores the objects without new "Object Created" events.
        for (const key of ['raw/lost/by-id.csv', 'raw/lost/by-redrive.tsv']) await undelete(key);
        const byId = lost[0].ingestion_id;
        expect((await cli('replay', byId)).stdout).toContain(`replay requested: ${byId}`);
        await poll();
        expect((await ingestions(`ingestion_id = '${byId}'`))[0]).toMatchObject({ status: 'completed', attempts: 4 });

        expect((await cli('replay', '--dead-letters')).stdout).toContain('2 dead-letter message(s) moved back');
        await poll();
        const after = await ingestions(`dataset = 'lost'`);
        expect(after.map((i) => [i.source_key, i.status, i.attempts])).toEqual([
          ['raw/lost/by-id.csv', 'completed', 4],
          ['raw/lost/by-redrive.tsv', 'completed', 4],
        ]);
        const history = (await events.readStream(`ingestion-${after[1].ingestion_id}`)).map((e) => e.type);
        expect(history.filter((t) => t === 'IngestionFailed')).toHaveLength(3);
        expect(history.slice(-6)).toEqual([
          'IngestionDeadLettered',
          'IngestionReplayRequested',
          'IngestionStarted',
          'QualityChecked',
          'RecordsStored',
          'IngestionCompleted',
        ]);
        expect(await queueCounts()).toEqual({ queue: 0, dlq: 0 });
      },
      8 * MINUTES,
    );

    it(
      "answers the seed's direct invocation with a summary, stores the rows, and does not ingest the kept payload again",
      async () => {
        const first = await invokeHandler('processor', { data: [{ id: 1, value: 'test' }] }, env);
        expect(first).toMatchObject({
          ok: true,
          value: { dataset: 'default', status: 'completed', created: true, counts: { recordsIn: 1, valid: 1 } },
        });
        const summary = first.value as { ingestionId: string; outputs: { sink: string; rows: number; targets: string[] }[] };
        expect(summary.outputs).toEqual(
          expect.arrayContaining([
            { sink: 'postgres', rows: 1, targets: ['processed_data'] },
            {
              sink: 'parquet',
              rows: 1,
              targets: [
                expect.stringMatching(
                  new RegExp(`^processed/dataset=default/ingest_date=\\d{4}-\\d{2}-\\d{2}/${summary.ingestionId}\\.parquet$`),
                ),
              ],
            },
          ]),
        );
        const rows = await pg.database.query('SELECT dataset, data FROM processed_data WHERE ingestion_id = $1', [summary.ingestionId]);
        expect(rows).toEqual([{ dataset: 'default', data: expect.objectContaining({ id: 1, value: 'test' }) }]);

        const again = await invokeHandler('processor', { data: [{ id: 1, value: 'test' }] }, env);
        expect(again.value).toMatchObject({ ingestionId: summary.ingestionId, created: false, status: 'completed' });
        await poll(); // the S3 event of the kept payload: its writer registered it, so no second ingestion
        expect(await ingestions(`dataset = 'default'`)).toHaveLength(1);
        expect(await invokeHandler('processor', { data: [] }, env)).toMatchObject({ ok: false, error: expect.stringContaining('1 to') });
      },
      5 * MINUTES,
    );

    it(
      'checks S3, SQS, DynamoDB and PostgreSQL on {"test": true}, and says which one is down',
      async () => {
        const healthy = await invokeHandler('processor', { test: true }, env);
        expect(healthy.value).toMatchObject({
          ok: true,
          checks: { s3: { ok: true }, sqs: { ok: true }, dynamodb: { ok: true }, postgresql: { ok: true } },
        });
        const broken = await invokeHandler('processor', { test: true }, { ...env, EVENT_TABLE: 'no-such-table' });
        expect(broken.value).toMatchObject({
          ok: false,
          checks: { dynamodb: { ok: false, error: expect.stringContaining('ResourceNotFound') }, s3: { ok: true } },
        });
        expect((await invokeHandler('reporter', { test: true }, env)).value).toMatchObject({ ok: true });
      },
      3 * MINUTES,
    );

    it(
      "reporter: a scheduler event generates the previous day's report into the reports bucket and the DynamoDB history",
      async () => {
        const now = new Date();
        const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
        const scheduled = await invokeHandler(
          'reporter',
          { source: 'aws.scheduler', 'detail-type': 'Scheduled Event', time: now.toISOString(), detail: {} },
          env,
        );
        expect(scheduled).toMatchObject({
          ok: true,
          value: {
            date: yesterday,
            version: 1,
            artefactKeys: [`reports/${yesterday}/daily_report.html`, `reports/${yesterday}/daily_report.json`],
          },
        });
        const listing = await awsCli(['s3', 'ls', '--recursive', `s3://${env.REPORTS_BUCKET}/reports/${yesterday}/`], env);
        expect(listing).toContain('daily_report.html');
        const today = now.toISOString().slice(0, 10);
        const regenerated = await invokeHandler('reporter', { date: today }, env);
        expect(regenerated.value).toMatchObject({ date: today, version: 1 });
        const json = JSON.parse(await awsCli(['s3', 'cp', `s3://${env.REPORTS_BUCKET}/reports/${today}/daily_report.json`, '-'], env)) as {
          date: string;
        };
        expect(json.date).toBe(today);
        const history = JSON.parse(await awsCli(['dynamodb', 'scan', '--table-name', env.REPORT_HISTORY_TABLE], env)) as {
          Items: { sk: { S: string } }[];
        };
        expect(history.Items.map((i) => i.sk.S).sort()).toEqual([`${yesterday}#000001`, `${today}#000001`]);
      },
      3 * MINUTES,
    );

    async function undelete(key: string): Promise<void> {
      const listed = JSON.parse(await awsCli(['s3api', 'list-object-versions', '--bucket', env.RAW_BUCKET, '--prefix', key], env)) as {
        DeleteMarkers?: { VersionId: string; IsLatest: boolean }[];
      };
      for (const marker of listed.DeleteMarkers ?? []) {
        await awsCli(['s3api', 'delete-object', '--bucket', env.RAW_BUCKET, '--key', key, '--version-id', marker.VersionId], env);
      }
    }

    async function queueCounts(): Promise<{ queue: number; dlq: number }> {
      const count = async (url: string) => {
        const out = JSON.parse(
          await awsCli(
            [
              'sqs',
              'get-queue-attributes',
              '--queue-url',
              url,
              '--attribute-names',
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
            ],
            env,
          ),
        ) as { Attributes: Record<string, string> };
        return Number(out.Attributes.ApproximateNumberOfMessages) + Number(out.Attributes.ApproximateNumberOfMessagesNotVisible);
      };
      return { queue: await count(env.PROCESSING_QUEUE_URL), dlq: await count(env.DLQ_URL) };
    }
  });
});
