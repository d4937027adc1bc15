import type { SqlDatabase } from '../postgres/sql-database.js';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import { DatasetReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import type { DatasetView } from '@pipeline/domain/read-models/dataset-view.js';

interface DatasetRow {
  name: string;
  current_version: number;
  contract: DataContract;
  inferred: boolean;
  updated_at: Date;
}

/** `datasets` and `dataset_contract_versions` in PostgreSQL. */
export class PostgresDatasetReadModel extends DatasetReadModel {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async upsert(view: DatasetView): Promise<void> {
    await this.db.query(
      `INSERT INTO datasets (name, current_version, contract, inferred, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET current_version = EXCLUDED.current_version, contract = EXCLUDED.contract,
         inferred = EXCLUDED.inferred, updated_at = EXCLUDED.updated_at
       WHERE datasets.current_version <= EXCLUDED.current_version`,
      [view.name, view.currentVersion, JSON.stringify(view.contract), view.inferred, view.updatedAt],
    );
  }

  async recordVersion(contract: DataContract, recordedAt: string): Promise<void> {
    await this.db.query(
      `INSERT INTO dataset_contract_versions (name, version, contract, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name, version) DO NOTHING`,
      [contract.dataset, contract.version, JSON.stringify(contract), recordedAt],
    );
  }

  async get(name: string): Promise<DatasetView | null> {
    const rows: DatasetRow[] = await this.db.query('SELECT * FROM datasets WHERE name = $1', [name]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(): Promise<DatasetView[]> {
    const rows: DatasetRow[] = await this.db.query('SELECT * FROM datasets ORDER BY name');
    return rows.map(toView);
  }

  async versions(name: string): Promise<DataContract[]> {
    const rows: { contract: DataContract }[] = await this.db.query(
      'SELECT contract FROM dataset_contract_versions WHERE name = $1 ORDER BY version',
      [name],
    );
    return rows.map((r) => r.contract);
  }
}

const toView = (r: DatasetRow): DatasetView => ({
  name: r.name,
  currentVersion: r.current_version,
  contract: r.contract,
  inferred: r.inferred,
  updatedAt: new Date(r.updated_at).toISOString(),
});
