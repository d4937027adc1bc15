import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { text } from 'node:stream/consumers';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { isPortError } from '@pipeline/domain/errors.js';
import { InvalidReportDateError, isReportDate } from '@pipeline/domain/reports/report-date.js';
import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import { reportArtefactKeys } from '@pipeline/domain/reports/report-history-entry.js';
import { ReportSettings } from '@pipeline/domain/reports/report-settings.js';
import { GetReport, type ReportDetails } from './get-report.query.js';

@QueryHandler(GetReport)
export class GetReportHandler implements IQueryHandler<GetReport, ReportDetails | null> {
  constructor(
    private readonly history: ReportHistory,
    private readonly store: ObjectStore,
    private readonly links: ArtefactLinks,
    private readonly settings: ReportSettings,
  ) {}

  async execute(query: GetReport): Promise<ReportDetails | null> {
    if (!isReportDate(query.date)) throw new InvalidReportDateError(query.date, 'expected YYYY-MM-DD');
    const versions = await this.history.versions(query.date);
    const entry = query.version === undefined ? versions[0] : versions.find((v) => v.version === query.version);
    if (!entry) return null;
    const keys = reportArtefactKeys(query.date);
    const [html, json, report] = await Promise.all([
      this.links.linkTo(keys.html, this.settings.linkExpirySeconds),
      this.links.linkTo(keys.json, this.settings.linkExpirySeconds),
      this.readReport(keys.json, entry.version),
    ]);
    return { entry, versions: versions.map((v) => v.version), links: { html, json }, report };
  }

  /** The stored JSON holds only the newest version: an older version's numbers are its summary alone. */
  private async readReport(key: string, version: number): Promise<DailyReport | null> {
    try {
      const report = JSON.parse(await text(await this.store.get(key))) as DailyReport;
      return report.version === version ? report : null;
    } catch (error) {
      if (isPortError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
