import { PostgresReportHistory } from '@pipeline/adapters/postgres-reports/postgres-report-history.js';
import { PostgresSubscriptionStore } from '@pipeline/adapters/postgres-reports/postgres-subscription-store.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import { describeReportHistoryContract } from './suites/report-history.contract-suite.js';
import { describeSubscriptionStoreContract } from './suites/subscription-store.contract-suite.js';

describe('report read models on embedded PGlite', () => {
  const pg = useEmbeddedPostgres();
  describeReportHistoryContract('PostgresReportHistory (PGlite)', async () => new PostgresReportHistory(pg.database));
  describeSubscriptionStoreContract('PostgresSubscriptionStore (PGlite)', async () => new PostgresSubscriptionStore(pg.database));
});

describeWithRealPostgres('report read models on PostgreSQL', (pg) => {
  describeReportHistoryContract('PostgresReportHistory (PostgreSQL)', async () => new PostgresReportHistory(pg.database));
  describeSubscriptionStoreContract('PostgresSubscriptionStore (PostgreSQL)', async () => new PostgresSubscriptionStore(pg.database));
});
