import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Valid records of every ingestion; (ingestion_id, row_number) makes re-processing replace, never duplicate. */
export class CreateProcessedData1764100000003 implements MigrationInterface {
  name = 'CreateProcessedData1764100000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processed_data (
        dataset text NOT NULL,
        ingestion_id text NOT NULL,
        row_number int NOT NULL,
        record_key text NULL,
        data jsonb NOT NULL,
        ingested_at timestamptz NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processed_data_ingestion_row_key UNIQUE (ingestion_id, row_number)
      )`);
    await q.query('CREATE INDEX processed_data_data_gin ON processed_data USING gin (data)');
    await q.query('CREATE INDEX processed_data_dataset_ingested_idx ON processed_data (dataset, ingested_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE processed_data');
  }
}
