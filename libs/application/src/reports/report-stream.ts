import type { ReportEvent } from '@pipeline/domain/events/report-events.js';
import { evolveReport, initialReportState, type ReportState } from '@pipeline/domain/reports/report.decider.js';
import type { StreamFold } from '../event-sourcing/domain-event-publisher.js';

export const reportFold: StreamFold<ReportState, ReportEvent> = { initial: initialReportState, evolve: evolveReport };
