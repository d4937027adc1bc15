import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { InvalidReportDateError, isReportDate } from '@pipeline/domain/reports/report-date.js';
import { reportArtefactKeys } from '@pipeline/domain/reports/report-history-entry.js';
import { ReportSettings } from '@pipeline/domain/reports/report-settings.js';
import { ListReports, type ReportListItem } from './list-reports.query.js';

@QueryHandler(ListReports)
export class ListReportsHandler implements IQueryHandler<ListReports, ReportListItem[]> {
  constructor(
    private readonly history: ReportHistory,
    private readonly links: ArtefactLinks,
    private readonly settings: ReportSettings,
  ) {}

  async execute(query: ListReports): Promise<ReportListItem[]> {
    for (const date of [query.from, query.to]) if (!isReportDate(date)) throw new InvalidReportDateError(date, 'expected YYYY-MM-DD');
    const entries = await this.history.list(query.from, query.to, Math.min(Math.max(query.limit, 1), 1000));
    return Promise.all(
      entries.map(async (entry) => {
        const keys = reportArtefactKeys(entry.date);
        const expiry = this.settings.linkExpirySeconds;
        return { entry, links: { html: await this.links.linkTo(keys.html, expiry), json: await this.links.linkTo(keys.json, expiry) } };
      }),
    );
  }
}
