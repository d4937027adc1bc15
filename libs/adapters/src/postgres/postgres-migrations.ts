import { CreateEvents1764100000001 } from './migrations/1764100000001-create-events.migration.js';
import { CreateWorkQueue1764100000002 } from './migrations/1764100000002-create-work-queue.migration.js';
import { CreateProcessedData1764100000003 } from './migrations/1764100000003-create-processed-data.migration.js';
import { CreateIngestions1764100000004 } from './migrations/1764100000004-create-ingestions.migration.js';
import { CreateDatasets1764100000005 } from './migrations/1764100000005-create-datasets.migration.js';
import { CreateProjectionCheckpoints1764100000006 } from './migrations/1764100000006-create-projection-checkpoints.migration.js';
import { CreateApiKeys1764100000101 } from './migrations/1764100000101-create-api-keys.migration.js';
import { ProcessedDataKeysetIndex1764100000102 } from './migrations/1764100000102-processed-data-keyset-index.migration.js';
import { CreateIngestionActivity1764100000201 } from './migrations/1764100000201-create-ingestion-activity.migration.js';
import { CreateReports1764100000202 } from './migrations/1764100000202-create-reports.migration.js';
import { CreateSubscriptions1764100000203 } from './migrations/1764100000203-create-subscriptions.migration.js';

/** Every schema migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const postgresMigrations = [
  CreateEvents1764100000001,
  CreateWorkQueue1764100000002,
  CreateProcessedData1764100000003,
  CreateIngestions1764100000004,
  CreateDatasets1764100000005,
  CreateProjectionCheckpoints1764100000006,
  CreateApiKeys1764100000101,
  ProcessedDataKeysetIndex1764100000102,
  CreateIngestionActivity1764100000201,
  CreateReports1764100000202,
  CreateSubscriptions1764100000203,
] as const;
