import { ListReportSubscriptionsHandler } from '../subscriptions/queries/list-report-subscriptions.handler.js';
import { SubscribeToReportsHandler } from '../subscriptions/subscribe-to-reports/subscribe-to-reports.handler.js';
import { SubscriptionsProjection } from '../subscriptions/subscriptions.projection.js';
import { UnsubscribeHandler } from '../subscriptions/unsubscribe/unsubscribe.handler.js';
import { DeliverReportHandler } from './deliver-report/deliver-report.handler.js';
import { GenerateDailyReportHandler } from './generate-daily-report/generate-daily-report.handler.js';
import { ReportArtefactWriter } from './generate-daily-report/report-artefact-writer.js';
import { IngestionActivityProjection } from './projections/ingestion-activity.projection.js';
import { ReportHistoryProjection } from './projections/report-history.projection.js';
import { GetReportHandler } from './queries/get-report.handler.js';
import { ListReportsHandler } from './queries/list-reports.handler.js';

/** Report and subscription command/query handlers and their helpers, for the application module's providers. */
export const REPORTING_PROVIDERS = [
  GenerateDailyReportHandler,
  DeliverReportHandler,
  ReportArtefactWriter,
  GetReportHandler,
  ListReportsHandler,
  SubscribeToReportsHandler,
  UnsubscribeHandler,
  ListReportSubscriptionsHandler,
] as const;

/** The read-model projections the reports need; the publisher runs them after every append. */
export const REPORTING_PROJECTIONS = [IngestionActivityProjection, ReportHistoryProjection, SubscriptionsProjection] as const;
