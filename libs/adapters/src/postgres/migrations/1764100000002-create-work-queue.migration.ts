import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A table-backed queue with SQS semantics. `queue_name` lets several queues share the table;
 * `queue` says whether a message waits on the main queue or sits in its dead-letter queue.
 */
export class CreateWorkQueue1764100000002 implements MigrationInterface {
  name = 'CreateWorkQueue1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_queue (
        id bigserial PRIMARY KEY,
        queue_name text NOT NULL,
        queue text NOT NULL DEFAULT 'main' CHECK (queue IN ('main', 'dead')),
        body text NOT NULL,
        receive_count int NOT NULL DEFAULT 0,
        visible_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NOT NULL DEFAULT now(),
        receipt uuid NULL,
        dead_lettered_at timestamptz NULL
      )`);
    await q.query('CREATE INDEX work_queue_visible_idx ON work_queue (queue_name, queue, visible_at)');
    await q.query('CREATE UNIQUE INDEX work_queue_receipt_key ON work_queue (receipt) WHERE receipt IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE work_queue');
  }
}
