import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Read models: each dataset's current contract, and every contract version it ever had. */
export class CreateDatasets1764100000005 implements MigrationInterface {
  name = 'CreateDatasets1764100000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE datasets (
        name text PRIMARY KEY,
        current_version int NOT NULL,
        contract jsonb NOT NULL,
        inferred boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dataset_contract_versions (
        name text NOT NULL,
        version int NOT NULL,
        contract jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dataset_contract_versions');
    await q.query('DROP TABLE datasets');
  }
}
