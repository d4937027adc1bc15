import type { Provider } from '@nestjs/common';
import { IngestionActivityLog } from '@pipeline/domain/ports/ingestion-activity-log.js';
import { ReportMetricsSource } from '@pipeline/domain/ports/report-metrics-source.js';
import { ReportRenderer } from '@pipeline/domain/ports/report-renderer.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import { ReportSettings } from '@pipeline/domain/reports/report-settings.js';
import { EndpointPolicy } from '@pipeline/domain/subscriptions/endpoint-policy.js';
import type { PipelineConfig } from '../config/pipeline-config.js';
import { DatabaseHandle } from '../database/database-handle.js';
import { HtmlReportRenderer } from '../report-html/html-report-renderer.js';
import { PostgresIngestionActivityLog } from './postgres-ingestion-activity-log.js';
import { PostgresReportMetricsSource } from './postgres-report-metrics-source.js';
import { PostgresSubscriptionStore } from './postgres-subscription-store.js';

const db = <T>(make: (handle: DatabaseHandle) => T) => ({ useFactory: make, inject: [DatabaseHandle] });

/**
 * Report providers that are the same in every mode: the SQL aggregation and the activity and
 * subscriptions read models (PostgreSQL, RDS on AWS), the HTML renderer, endpoint rules and
 * settings. Each mode adds its own Notifier, ReportHistory and ArtefactLinks.
 */
export function sharedReportProviders(config: PipelineConfig): Provider[] {
  const local = config.mode === 'local';
  return [
    { provide: ReportMetricsSource, ...db((h) => new PostgresReportMetricsSource(h.database)) },
    { provide: IngestionActivityLog, ...db((h) => new PostgresIngestionActivityLog(h.database)) },
    { provide: SubscriptionStore, ...db((h) => new PostgresSubscriptionStore(h.database)) },
    { provide: ReportRenderer, useClass: HtmlReportRenderer },
    { provide: EndpointPolicy, useValue: { allowPlainHttp: local, allowPrivateNetworks: local } satisfies EndpointPolicy },
    {
      provide: ReportSettings,
      useValue: { environment: config.environment, linkExpirySeconds: config.reports.linkExpirySeconds } satisfies ReportSettings,
    },
  ];
}
