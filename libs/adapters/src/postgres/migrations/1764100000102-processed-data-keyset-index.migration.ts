import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The API pages a dataset's records in (ingested_at, ingestion_id, row_number) order. The full key
 * lets each page start with an index range scan; it also serves every query the (dataset,
 * ingested_at) index served, which it replaces so ingestion keeps maintaining one index, not two.
 */
export class ProcessedDataKeysetIndex1764100000102 implements MigrationInterface {
  name = 'ProcessedDataKeysetIndex1764100000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX processed_data_dataset_keyset_idx ON processed_data (dataset, ingested_at, ingestion_id, row_number)');
    await q.query('DROP INDEX IF EXISTS processed_data_dataset_ingested_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX processed_data_dataset_ingested_idx ON processed_data (dataset, ingested_at)');
    await q.query('DROP INDEX processed_data_dataset_keyset_idx');
  }
}
