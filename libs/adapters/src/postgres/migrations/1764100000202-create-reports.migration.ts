import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Report history read model: one row per generated version of a day's report. */
export class CreateReports1764100000202 implements MigrationInterface {
  name = 'CreateReports1764100000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        report_date date NOT NULL,
        version int NOT NULL,
        generated_at timestamptz NOT NULL,
        artefact_keys jsonb NOT NULL,
        summary jsonb NOT NULL,
        delivered_to jsonb NOT NULL DEFAULT '[]',
        failed_deliveries jsonb NOT NULL DEFAULT '[]',
        delivered_at timestamptz NULL,
        PRIMARY KEY (report_date, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reports');
  }
}
